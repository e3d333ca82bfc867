package org.yingji.command;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/** 首报/续报/核报 of the loss figures by township information officers; each report regrades the incident. */
@Service
class LossReports {

    enum Kind {
        FIRST("首报"), FOLLOW_UP("续报"), FINAL("核报");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Submission(Kind kind, String regionCode, Instant reportedAt, Integer affected, Integer dead, Integer missing,
                      Integer injured, Integer seriouslyInjured, Integer evacuated, Integer housesCollapsed,
                      Integer housesDamaged, BigDecimal directLossYuan, String note) {
    }

    record ReportView(long id, long incidentId, String kind, String regionCode, String regionName, Instant reportedAt,
                      int affected, int dead, int missing, int injured, int seriouslyInjured, int evacuated,
                      int housesCollapsed, int housesDamaged, BigDecimal directLossYuan, String note, String reporter,
                      Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final Regions regions;
    private final Timeline timeline;
    private final AuditLog audit;
    private final Clock clock;

    LossReports(JdbcClient jdbc, Incidents incidents, Regions regions, Timeline timeline, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.regions = regions;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    ReportView submit(CurrentUser user, long incidentId, Submission s) {
        Incidents.Row incident = incidents.active(user, incidentId);
        List<FieldProblem> problems = new ArrayList<>();
        if (s.kind() == null) {
            problems.add(new FieldProblem("kind", "NotNull", "请选择报告类型（首报/续报/核报）"));
        }
        FieldProblem region = regions.scopeProblem("regionCode", s.regionCode(), user.scope());
        if (region != null) {
            problems.add(region);
        } else if (regions.find(s.regionCode()).orElseThrow().level() != RegionLevel.TOWNSHIP) {
            problems.add(new FieldProblem("regionCode", "region.township", "灾情按乡镇（街道）填报"));
        }
        if (s.reportedAt() == null) {
            problems.add(new FieldProblem("reportedAt", "NotNull", "不能为空"));
        } else if (s.reportedAt().isBefore(incident.occurredAt())) {
            problems.add(new FieldProblem("reportedAt", "report.before-incident", "报告时间早于事件发生时间"));
        } else if (s.reportedAt().isAfter(clock.instant().plusSeconds(300))) {
            problems.add(new FieldProblem("reportedAt", "PastOrPresent", "报告时间不能晚于现在"));
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("affected", s.affected());
        figures.put("dead", s.dead());
        figures.put("missing", s.missing());
        figures.put("injured", s.injured());
        figures.put("seriouslyInjured", s.seriouslyInjured());
        figures.put("evacuated", s.evacuated());
        figures.put("housesCollapsed", s.housesCollapsed());
        figures.put("housesDamaged", s.housesDamaged());
        figures.put("directLossYuan", s.directLossYuan());
        figures.forEach((field, value) -> {
            if (value != null && value.doubleValue() < 0) {
                problems.add(new FieldProblem(field, "Min", "不能为负数"));
            }
        });
        if (s.injured() != null && s.seriouslyInjured() != null && s.seriouslyInjured() > s.injured()) {
            problems.add(new FieldProblem("seriouslyInjured", "report.serious-exceeds-injured", "重伤人数不能多于受伤人数"));
        }
        boolean hasFirst = jdbc.sql("select count(*) from loss_report where incident_id = ? and region_code = ?")
                .params(incidentId, s.regionCode()).query(Long.class).single() > 0;
        if (s.kind() != null && s.kind() != Kind.FIRST && !hasFirst && region == null) {
            problems.add(new FieldProblem("kind", "report.first-missing", "该乡镇尚无首报，请先首报"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
        long id = jdbc.sql("""
                        insert into loss_report (incident_id, kind, region_code, reported_at, affected, dead, missing, injured,
                            seriously_injured, evacuated, houses_collapsed, houses_damaged, direct_loss_yuan, note, reporter,
                            created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(incidentId, s.kind().name(), s.regionCode(), Timestamp.from(s.reportedAt()), n(s.affected()),
                        n(s.dead()), n(s.missing()), n(s.injured()), n(s.seriouslyInjured()), n(s.evacuated()),
                        n(s.housesCollapsed()), n(s.housesDamaged()),
                        s.directLossYuan() == null ? BigDecimal.ZERO : s.directLossYuan(), s.note(), user.username(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        ReportView view = find(id);
        timeline.add(incidentId, Timeline.Kind.REPORT, "灾情" + s.kind().label + "：" + view.regionName(),
                "死亡 %d 人，失踪 %d 人，受伤 %d 人（重伤 %d 人），紧急转移安置 %d 人，倒塌房屋 %d 间，损坏房屋 %d 间，直接经济损失 %s 万元"
                        .formatted(view.dead(), view.missing(), view.injured(), view.seriouslyInjured(), view.evacuated(),
                                view.housesCollapsed(), view.housesDamaged(), LossFigures.wan(view.directLossYuan()).toPlainString()),
                null);
        audit.record("loss-report.submit", "loss_report", id, null, view);
        incidents.regrade(incidentId);
        return view;
    }

    List<ReportView> of(CurrentUser user, long incidentId) {
        incidents.visibleRow(user, incidentId);
        return jdbc.sql("select * from loss_report where incident_id = ? order by reported_at desc, id desc")
                .param(incidentId).query(this::map).list();
    }

    private ReportView find(long id) {
        return jdbc.sql("select * from loss_report where id = ?").param(id).query(this::map).single();
    }

    private ReportView map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ReportView(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("kind"), rs.getString("region_code"),
                regions.nameOf(rs.getString("region_code")), rs.getTimestamp("reported_at").toInstant(),
                rs.getInt("affected"), rs.getInt("dead"), rs.getInt("missing"), rs.getInt("injured"),
                rs.getInt("seriously_injured"), rs.getInt("evacuated"), rs.getInt("houses_collapsed"),
                rs.getInt("houses_damaged"), rs.getBigDecimal("direct_loss_yuan"), rs.getString("note"),
                rs.getString("reporter"), rs.getTimestamp("created_at").toInstant());
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
