package org.yingji.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/** Writes to stations, sensors and rules: scope checks, validation, audit, and a reload of the live state. */
@Service
class StationAdministration {

    private final Stations stations;
    private final Regions regions;
    private final CityExtent city;
    private final AuditLog audit;
    private final LiveState live;

    StationAdministration(Stations stations, Regions regions, CityExtent city, AuditLog audit, LiveState live) {
        this.stations = stations;
        this.regions = regions;
        this.city = city;
        this.audit = audit;
        this.live = live;
    }

    /** Every problem of a station's fields, for a form or an import row. */
    List<FieldProblem> problems(CurrentUser user, Stations.StationFields f, Long id) {
        List<FieldProblem> problems = new ArrayList<>();
        FieldProblem region = regions.scopeProblem("regionCode", f.regionCode(), user.scope());
        if (region != null) {
            problems.add(region);
        }
        if (!city.contains(f.lon(), f.lat())) {
            problems.add(new FieldProblem("lon", "location.outside-city", "坐标不在自贡市范围内"));
        }
        if (stations.codeTaken(f.code(), id)) {
            problems.add(new FieldProblem("code", "station.code-taken", "站点编码已存在"));
        }
        return problems;
    }

    @Transactional
    long create(CurrentUser user, Stations.StationFields f) {
        List<FieldProblem> problems = problems(user, f, null);
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
        long id = stations.insert(f);
        audit.record("station.create", "mon_station", id, null, f);
        reloadAfterCommit();
        return id;
    }

    @Transactional
    void update(CurrentUser user, long id, Stations.StationFields f) {
        Stations.Station before = station(user, id);
        List<FieldProblem> problems = problems(user, f, id);
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
        stations.update(id, f);
        audit.record("station.update", "mon_station", id, before, f);
        reloadAfterCommit();
    }

    @Transactional
    void delete(CurrentUser user, long id) {
        Stations.Station before = station(user, id);
        stations.delete(id);
        audit.record("station.delete", "mon_station", id, before, null);
        reloadAfterCommit();
    }

    @Transactional
    long addSensor(CurrentUser user, long stationId, String code, SensorKind kind, String name) {
        station(user, stationId);
        if (stations.sensorCodeTaken(code)) {
            throw new ProblemException.InvalidField("code", "sensor.code-taken", "传感器编码已存在");
        }
        long id = stations.insertSensor(stationId, code, kind, name);
        audit.record("sensor.create", "mon_sensor", id, null, Map.of("station", stationId, "code", code,
                "kind", kind.name()));
        reloadAfterCommit();
        return id;
    }

    @Transactional
    void deleteSensor(CurrentUser user, long sensorId) {
        Stations.Sensor sensor = sensor(user, sensorId);
        stations.deleteSensor(sensorId);
        audit.record("sensor.delete", "mon_sensor", sensorId, sensor, null);
        reloadAfterCommit();
    }

    @Transactional
    long addRule(CurrentUser user, Stations.RuleRow rule) {
        check(user, rule);
        long id = stations.insertRule(rule);
        audit.record("rule.create", "mon_alarm_rule", id, null, rule);
        reloadAfterCommit();
        return id;
    }

    @Transactional
    void updateRule(CurrentUser user, long id, Stations.RuleRow rule) {
        Stations.RuleRow before = stations.rule(id).orElseThrow(() -> new ProblemException.NotFound("报警规则", id));
        check(user, before);
        check(user, rule);
        stations.updateRule(id, rule);
        audit.record("rule.update", "mon_alarm_rule", id, before, rule);
        reloadAfterCommit();
    }

    @Transactional
    void deleteRule(CurrentUser user, long id) {
        Stations.RuleRow before = stations.rule(id).orElseThrow(() -> new ProblemException.NotFound("报警规则", id));
        check(user, before);
        stations.deleteRule(id);
        audit.record("rule.delete", "mon_alarm_rule", id, before, null);
        reloadAfterCommit();
    }

    /** Rules for a whole sensor kind apply city-wide, so only a city-level user may change them. */
    static boolean mayChangeKindWide(CurrentUser user) {
        return user.regionCode().length() <= 6 && user.scope().contains("510300");
    }

    private void check(CurrentUser user, Stations.RuleRow rule) {
        if (rule.sensorId() != null) {
            sensor(user, rule.sensorId());
        } else if (!mayChangeKindWide(user)) {
            throw new ProblemException.Forbidden("rule.kind-wide", "按传感器类型设置的规则全市通用，只能由市级用户修改");
        }
        List<FieldProblem> problems = ruleProblems(rule);
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
    }

    /**
     * Every problem of a rule's lines, deadband and window, for the API and an import row: at least one line, the
     * lines set in order blue → red (rising for ABOVE, falling for BELOW; the editor checks the same), a deadband
     * not below zero, a window of 1–1440 minutes for RATE and ACCUMULATION.
     */
    static List<FieldProblem> ruleProblems(Stations.RuleRow rule) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Double> lines = new LinkedHashMap<>();
        lines.put("blue", rule.blue());
        lines.put("yellow", rule.yellow());
        lines.put("orange", rule.orange());
        lines.put("red", rule.red());
        lines.values().removeIf(Objects::isNull);
        if (lines.isEmpty()) {
            problems.add(new FieldProblem("red", "rule.no-line", "至少设置一条预警线"));
        }
        boolean above = "ABOVE".equals(rule.direction());
        Double previous = null;
        for (Map.Entry<String, Double> line : lines.entrySet()) {
            if (previous != null && (above ? line.getValue() <= previous : line.getValue() >= previous)) {
                problems.add(new FieldProblem(line.getKey(), "rule.order", above ? "预警线须按蓝、黄、橙、红依次升高"
                        : "低于型规则的预警线须按蓝、黄、橙、红依次降低"));
                break;
            }
            previous = line.getValue();
        }
        if (rule.deadband() < 0) {
            problems.add(new FieldProblem("deadband", "rule.deadband", "回差不能为负数"));
        }
        boolean windowed = rule.type().equals("RATE") || rule.type().equals("ACCUMULATION");
        if (windowed && (rule.windowMinutes() == null || rule.windowMinutes() < 1 || rule.windowMinutes() > 1440)) {
            problems.add(new FieldProblem("windowMinutes", "rule.window", "统计窗口须为 1～1440 分钟"));
        }
        return problems;
    }

    Stations.Station station(CurrentUser user, long id) {
        return stations.find(id).filter(s -> user.scope().contains(s.regionCode()))
                .orElseThrow(() -> new ProblemException.NotFound("监测站点", id));
    }

    Stations.Sensor sensor(CurrentUser user, long id) {
        Stations.Sensor sensor = stations.sensor(id).orElseThrow(() -> new ProblemException.NotFound("传感器", id));
        station(user, sensor.stationId());
        return sensor;
    }

    void reloadAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                live.reload();
            }
        });
    }
}
