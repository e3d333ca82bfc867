package org.yingji.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.excel.ExcelSheets;
import org.yingji.platform.excel.ExcelSheets.Column;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/**
 * Alarm rules from Excel, one row per rule, for one sensor (by its code) or for every sensor of a kind. A row whose
 * sensor or kind already has a rule of the same type, direction and window sets that rule's lines; any other row adds
 * a rule. All or nothing, like {@link StationImport}: every row is checked as the rule editor checks it, and one bad
 * row writes nothing; the answer lists every bad cell. One audit entry for the whole file.
 */
@Service
class RuleImport {

    static final List<Column> COLUMNS = List.of(new Column("传感器编码", "sensorCode", false),
            new Column("传感器类型", "sensorKind", false), new Column("规则类型", "type", true),
            new Column("方向", "direction", false), new Column("统计窗口（分钟）", "windowMinutes", false),
            new Column("蓝色线", "blue", false), new Column("黄色线", "yellow", false),
            new Column("橙色线", "orange", false), new Column("红色线", "red", false),
            new Column("回差", "deadband", false), new Column("启用", "enabled", false));

    private static final Map<String, String> DIRECTIONS = Map.of("高于", "ABOVE", "高于报警", "ABOVE", "ABOVE", "ABOVE",
            "低于", "BELOW", "低于报警", "BELOW", "BELOW", "BELOW");
    private static final Map<String, Boolean> YES_NO = Map.of("是", true, "否", false, "true", true, "false", false,
            "启用", true, "停用", false);

    private final Stations stations;
    private final StationAdministration admin;
    private final AuditLog audit;

    RuleImport(Stations stations, StationAdministration admin, AuditLog audit) {
        this.stations = stations;
        this.admin = admin;
        this.audit = audit;
    }

    record Result(int added, int updated) {
    }

    void template(OutputStream out) throws IOException {
        ExcelSheets.writeTemplate("报警规则", COLUMNS, column -> switch (column.field()) {
            case "sensorCode" -> "规则只用于这一个传感器时填写（须在您的管辖范围内）；与「传感器类型」二选一";
            case "sensorKind" -> "规则用于全市该类型的每个传感器时填写（仅市级用户），可填："
                    + String.join("、", Arrays.stream(SensorKind.values()).map(SensorKind::label).toList());
            case "type" -> "可填：" + String.join("、", Arrays.stream(Rule.Type.values()).map(t -> t.label).toList())
                    + "。阈值 = 读数本身；变化速率 = 每小时变化量；累计 = 窗口内读数之和；离线 = 多少分钟没有数据。"
                    + "已有同一传感器（或类型）、同类型、同方向、同窗口的规则时，导入修改它的预警线，否则新增一条规则";
            case "direction" -> "高于 或 低于，不填为高于；离线规则总是高于";
            case "windowMinutes" -> "变化速率、累计规则必填，1～1440 的整数分钟；其他规则不填";
            case "blue", "yellow", "orange", "red" -> "数字，单位同传感器（变化速率为 单位/小时，离线为分钟）；至少填一条；"
                    + "高于型须按蓝、黄、橙、红依次升高，低于型依次降低";
            case "deadband" -> "不小于 0 的数字，不填为 0：读数须退回预警线以内这么多才降级，避免在线附近反复报警";
            case "enabled" -> "是 或 否，不填为是";
            default -> "";
        }, out);
    }

    private record Row(Stations.RuleRow rule, String target) {
    }

    @Transactional
    Result importSheet(CurrentUser user, String fileName, byte[] xlsx) {
        List<ExcelSheets.SheetRow> rows = ExcelSheets.readUpload(xlsx, COLUMNS);
        List<FieldProblem> errors = new ArrayList<>();
        List<Row> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ExcelSheets.SheetRow sheetRow : rows) {
            List<FieldProblem> problems = new ArrayList<>();
            Row row = parse(user, sheetRow, problems);
            if (row != null) {
                problems.addAll(StationAdministration.ruleProblems(row.rule()));
                if (!seen.add(row.target())) {
                    problems.add(new FieldProblem("type", "Duplicate", "与本文件中前面的行是同一条规则"));
                } else if (sameRules(row.rule()).size() > 1) {
                    problems.add(new FieldProblem("type", "rule.ambiguous",
                            "已有多条同类型、同方向、同窗口的规则，无法确定修改哪一条，请在站点页修改"));
                }
            }
            problems.forEach(p -> errors.add(StationImport.rowProblem(sheetRow, COLUMNS, p)));
            if (problems.isEmpty()) {
                valid.add(row);
            }
        }
        if (!errors.isEmpty()) {
            throw ExcelSheets.invalidRows(errors);
        }
        int added = 0;
        int updated = 0;
        for (Row row : valid) {
            List<Long> same = sameRules(row.rule());
            if (same.isEmpty()) {
                stations.insertRule(row.rule());
                added++;
            } else {
                stations.updateRule(same.get(0), row.rule());
                updated++;
            }
        }
        audit.record("rule.import", "mon_alarm_rule", null, null, Map.of("file", fileName, "added", added,
                "updated", updated));
        admin.reloadAfterCommit();
        return new Result(added, updated);
    }

    private List<Long> sameRules(Stations.RuleRow rule) {
        return stations.sameRules(rule.sensorId(), rule.sensorKind(), rule.type(), rule.direction(),
                rule.windowMinutes());
    }

    /** The rule of a row, or null with its problems: required cells, names, numbers and the sensor or kind. */
    private Row parse(CurrentUser user, ExcelSheets.SheetRow sheetRow, List<FieldProblem> problems) {
        Map<String, String> v = sheetRow.values();
        Rule.Type type = null;
        if (v.get("type") == null) {
            problems.add(new FieldProblem("type", "NotBlank", "不能为空"));
        } else {
            type = Arrays.stream(Rule.Type.values())
                    .filter(t -> t.label.equals(v.get("type")) || t.name().equalsIgnoreCase(v.get("type")))
                    .findFirst().orElse(null);
            if (type == null) {
                problems.add(new FieldProblem("type", "Enum", "规则类型须为阈值、变化速率、累计或离线"));
            }
        }
        String direction = v.get("direction") == null ? "ABOVE" : DIRECTIONS.get(v.get("direction"));
        if (direction == null) {
            problems.add(new FieldProblem("direction", "Enum", "方向须为高于或低于"));
        }
        Long sensorId = null;
        SensorKind kind = null;
        String sensorCode = v.get("sensorCode");
        String kindText = v.get("sensorKind");
        if ((sensorCode == null) == (kindText == null)) {
            problems.add(new FieldProblem(sensorCode == null ? "sensorCode" : "sensorKind", "rule.target",
                    "传感器编码与传感器类型须填且只填一个"));
        } else if (sensorCode != null) {
            sensorId = stations.sensorByCode(sensorCode)
                    .filter(s -> stations.find(s.stationId()).filter(t -> user.scope().contains(t.regionCode())).isPresent())
                    .map(Stations.Sensor::id).orElse(null);
            if (sensorId == null) {
                problems.add(new FieldProblem("sensorCode", "sensor.unknown", "传感器不存在或不在您的管辖范围内"));
            }
        } else {
            kind = Arrays.stream(SensorKind.values())
                    .filter(k -> k.label().equals(kindText) || k.name().equalsIgnoreCase(kindText))
                    .findFirst().orElse(null);
            if (kind == null) {
                problems.add(new FieldProblem("sensorKind", "Enum", "传感器类型取值不合法"));
            } else if (!StationAdministration.mayChangeKindWide(user)) {
                problems.add(new FieldProblem("sensorKind", "rule.kind-wide", "按传感器类型设置的规则全市通用，只能由市级用户导入"));
            }
        }
        Double[] lines = new Double[4];
        List<String> lineFields = List.of("blue", "yellow", "orange", "red");
        for (int i = 0; i < lines.length; i++) {
            lines[i] = number(v, lineFields.get(i), problems);
        }
        Double deadband = number(v, "deadband", problems);
        Double window = number(v, "windowMinutes", problems);
        boolean windowed = type == Rule.Type.RATE || type == Rule.Type.ACCUMULATION;
        if (windowed && window != null && window != Math.rint(window)) {
            problems.add(new FieldProblem("windowMinutes", "rule.window", "统计窗口须为整数分钟"));
        }
        Boolean enabled = v.get("enabled") == null ? Boolean.TRUE : YES_NO.get(v.get("enabled"));
        if (enabled == null) {
            problems.add(new FieldProblem("enabled", "Enum", "启用须为是或否"));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        String ruleDirection = type == Rule.Type.OFFLINE ? "ABOVE" : direction;
        Integer windowMinutes = windowed && window != null ? (int) Math.min(window, Integer.MAX_VALUE) : null;
        Stations.RuleRow rule = new Stations.RuleRow(0, sensorId, kind == null ? null : kind.name(), type.name(),
                ruleDirection, windowMinutes, lines[0], lines[1], lines[2], lines[3],
                deadband == null ? 0 : deadband, enabled);
        String target = (sensorId != null ? "sensor:" + sensorId : "kind:" + kind.name()) + "/" + type + "/"
                + ruleDirection + "/" + windowMinutes;
        return new Row(rule, target);
    }

    /** The cell as a finite number, null when blank; a problem on the cell when it is not one. */
    private static Double number(Map<String, String> values, String field, List<FieldProblem> problems) {
        String text = values.get(field);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(new FieldProblem(field, "Number", "须为数字"));
        return null;
    }
}
