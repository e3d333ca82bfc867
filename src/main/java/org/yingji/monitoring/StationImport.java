package org.yingji.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

/**
 * Stations and sensors from Excel, one row per sensor (rows with the same station code share the station), all or
 * nothing: every row is checked like the forms and one bad row imports nothing; the answer lists every bad cell.
 */
@Service
class StationImport {

    static final List<Column> COLUMNS = List.of(new Column("站点编码", "code", true), new Column("站点名称", "name", true),
            new Column("站点类型", "kind", true), new Column("行政区划代码", "regionCode", true),
            new Column("经度", "lon", true), new Column("纬度", "lat", true), new Column("管理单位", "owner", false),
            new Column("传感器编码", "sensorCode", true), new Column("传感器类型", "sensorKind", true));

    private final Stations stations;
    private final StationAdministration admin;
    private final AuditLog audit;

    StationImport(Stations stations, StationAdministration admin, AuditLog audit) {
        this.stations = stations;
        this.admin = admin;
        this.audit = audit;
    }

    record Result(int stations, int sensors) {
    }

    void template(OutputStream out) throws IOException {
        ExcelSheets.writeTemplate("监测站点", COLUMNS, column -> switch (column.field()) {
            case "code", "sensorCode" -> "字母、数字、_ . -，全局唯一；同一站点多个传感器时每个传感器一行，站点编码相同";
            case "kind" -> "可填：" + String.join("、", Arrays.stream(StationKind.values()).map(k -> k.label).toList());
            case "sensorKind" -> "可填：" + String.join("、", Arrays.stream(SensorKind.values()).map(SensorKind::label).toList());
            case "regionCode" -> "6 位区县代码或 12 位乡镇代码，须在您的管辖范围内";
            case "lon", "lat" -> "WGS84 坐标，须在自贡市范围内";
            default -> "文字";
        }, out);
    }

    private record Row(int number, Stations.StationFields station, String sensorCode, SensorKind sensorKind) {
    }

    @Transactional
    Result importSheet(CurrentUser user, String fileName, byte[] xlsx) {
        List<ExcelSheets.SheetRow> rows = ExcelSheets.readUpload(xlsx, COLUMNS);
        List<FieldProblem> errors = new ArrayList<>();
        List<Row> valid = new ArrayList<>();
        Set<String> sensorCodes = new HashSet<>();
        Set<String> stationCodes = new HashSet<>();
        for (ExcelSheets.SheetRow sheetRow : rows) {
            List<FieldProblem> problems = new ArrayList<>();
            Row row = parse(sheetRow, problems);
            if (row != null) {
                if (stationCodes.add(row.station().code())) {
                    problems.addAll(admin.problems(user, row.station(), null));
                }
                if (!sensorCodes.add(row.sensorCode())) {
                    problems.add(new FieldProblem("sensorCode", "Duplicate", "与本文件中前面的行重复"));
                } else if (stations.sensorCodeTaken(row.sensorCode())) {
                    problems.add(new FieldProblem("sensorCode", "sensor.code-taken", "传感器编码已存在"));
                }
            }
            problems.forEach(p -> errors.add(rowProblem(sheetRow, COLUMNS, p)));
            if (problems.isEmpty()) {
                valid.add(row);
            }
        }
        if (!errors.isEmpty()) {
            throw ExcelSheets.invalidRows(errors);
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Row row : valid) {
            long stationId = ids.computeIfAbsent(row.station().code(), code -> stations.insert(row.station()));
            stations.insertSensor(stationId, row.sensorCode(), row.sensorKind(), null);
        }
        audit.record("station.import", "mon_station", null, null, Map.of("file", fileName, "stations", ids.size(),
                "sensors", valid.size()));
        admin.reloadAfterCommit();
        return new Result(ids.size(), valid.size());
    }

    /** A problem of one cell as an import answers it: field {@code rows[n].field}, message naming row and column. */
    static FieldProblem rowProblem(ExcelSheets.SheetRow row, List<Column> columns, FieldProblem problem) {
        String header = columns.stream().filter(c -> c.field().equals(problem.field())).map(Column::header)
                .findFirst().orElse(problem.field());
        return new FieldProblem("rows[" + row.number() + "]." + problem.field(), problem.key(),
                "第 " + row.number() + " 行「" + header + "」：" + problem.message());
    }

    private static Row parse(ExcelSheets.SheetRow sheetRow, List<FieldProblem> problems) {
        Map<String, String> v = sheetRow.values();
        for (Column column : COLUMNS) {
            if (column.required() && v.get(column.field()) == null) {
                problems.add(new FieldProblem(column.field(), "NotBlank", "不能为空"));
            }
        }
        StationKind kind = Arrays.stream(StationKind.values())
                .filter(k -> k.label.equals(v.get("kind")) || k.name().equals(v.get("kind"))).findFirst().orElse(null);
        if (kind == null && v.get("kind") != null) {
            problems.add(new FieldProblem("kind", "Enum", "站点类型取值不合法"));
        }
        SensorKind sensorKind = Arrays.stream(SensorKind.values())
                .filter(k -> k.label().equals(v.get("sensorKind")) || k.name().equals(v.get("sensorKind")))
                .findFirst().orElse(null);
        if (sensorKind == null && v.get("sensorKind") != null) {
            problems.add(new FieldProblem("sensorKind", "Enum", "传感器类型取值不合法"));
        }
        for (String field : List.of("code", "sensorCode")) {
            if (v.get(field) != null && !v.get(field).matches("[A-Za-z0-9_.-]{1,40}")) {
                problems.add(new FieldProblem(field, "Pattern", "只能含字母、数字、_ . -，最多 40 个字符"));
            }
        }
        Double lon = number(v.get("lon"));
        Double lat = number(v.get("lat"));
        if ((v.get("lon") != null && lon == null) || (v.get("lat") != null && lat == null)) {
            problems.add(new FieldProblem("lon", "Number", "经纬度须为数字"));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Row(sheetRow.number(), new Stations.StationFields(v.get("code"), v.get("name"), kind,
                v.get("regionCode"), lon, lat, v.get("owner"), false, "Excel 导入"), v.get("sensorCode"), sensorKind);
    }

    private static Double number(String text) {
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
