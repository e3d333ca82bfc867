package org.yingji.safety;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
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
 * Enterprises from Excel, all or nothing: every row is checked like a form (credit code, industry, region in
 * scope, point in the city, duplicates in the file and in the registry) and a single bad row imports nothing;
 * the answer lists every bad row and column.
 */
@Service
class EnterpriseImport {

    static final List<Column> COLUMNS = List.of(new Column("统一社会信用代码", "creditCode", true),
            new Column("企业名称", "name", true), new Column("行业", "industry", true), new Column("规模", "scale", true),
            new Column("所在园区", "park", false), new Column("行政区划代码", "regionCode", true),
            new Column("经度", "lon", true), new Column("纬度", "lat", true),
            new Column("法定代表人", "legalRepresentative", true), new Column("安全负责人", "safetyManager", true),
            new Column("安全负责人电话", "safetyManagerPhone", true));
    static final Map<String, String> SCALES = Map.of("大型", "LARGE", "中型", "MEDIUM", "小型", "SMALL", "微型", "MICRO");

    private final EnterpriseRegistry registry;
    private final Enterprises enterprises;
    private final AuditLog audit;
    private final SafetyCache cache;

    EnterpriseImport(EnterpriseRegistry registry, Enterprises enterprises, AuditLog audit, SafetyCache cache) {
        this.registry = registry;
        this.enterprises = enterprises;
        this.audit = audit;
        this.cache = cache;
    }

    record Result(int imported) {
    }

    void template(OutputStream out) throws IOException {
        ExcelSheets.writeTemplate("企业", COLUMNS, column -> switch (column.field()) {
            case "creditCode" -> "18 位统一社会信用代码，校验位须正确";
            case "industry" -> "可填：" + String.join("、", java.util.Arrays.stream(Industry.values()).map(Industry::label).toList());
            case "scale" -> "可填：大型、中型、小型、微型";
            case "regionCode" -> "6 位区县代码或 12 位乡镇代码，须在您的管辖范围内";
            case "lon", "lat" -> "WGS84 坐标，须在自贡市范围内";
            case "safetyManagerPhone" -> "手机号（11 位）或座机（区号-号码）";
            default -> "文字";
        }, out);
    }

    @Transactional
    Result importSheet(CurrentUser user, String fileName, byte[] xlsx) {
        EnterpriseRegistry.requireRegulator(user);
        List<ExcelSheets.SheetRow> rows = ExcelSheets.readUpload(xlsx, COLUMNS);
        Map<String, String> headers = new java.util.HashMap<>();
        COLUMNS.forEach(c -> headers.put(c.field(), c.header()));
        List<FieldProblem> errors = new ArrayList<>();
        List<Enterprises.Fields> valid = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (ExcelSheets.SheetRow row : rows) {
            try {
                Enterprises.Fields fields = fields(row.values());
                if (!codes.add(fields.creditCode().value())) {
                    throw new ProblemException.InvalidField("creditCode", "Duplicate", "与本文件中前面的行重复");
                }
                registry.check(user, fields, null);
                valid.add(fields);
            } catch (ProblemException e) {
                List<FieldProblem> problems = e.errors().isEmpty()
                        ? List.of(new FieldProblem("creditCode", e.key(), e.getMessage())) : e.errors();
                problems.forEach(p -> errors.add(new FieldProblem("rows[" + row.number() + "]." + p.field(), p.key(),
                        "第 " + row.number() + " 行「" + headers.getOrDefault(p.field(), p.field()) + "」：" + p.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw ExcelSheets.invalidRows(errors);
        }
        valid.forEach(enterprises::insert);
        cache.invalidate();
        audit.record("enterprise.import", "enterprise", null, null, Map.of("file", fileName, "rows", valid.size()));
        return new Result(valid.size());
    }

    private static Enterprises.Fields fields(Map<String, String> v) {
        List<FieldProblem> problems = new ArrayList<>();
        Industry industry = java.util.Arrays.stream(Industry.values())
                .filter(i -> i.label().equals(v.get("industry")) || i.name().equals(v.get("industry")))
                .findFirst().orElse(null);
        for (Column column : COLUMNS) {
            if (column.required() && v.get(column.field()) == null) {
                problems.add(new FieldProblem(column.field(), "NotBlank", "不能为空"));
            }
        }
        if (industry == null && v.get("industry") != null) {
            problems.add(new FieldProblem("industry", "Enum", "行业取值不合法"));
        }
        String scale = SCALES.getOrDefault(v.get("scale"), v.get("scale"));
        if (scale != null && !SCALES.containsValue(scale)) {
            problems.add(new FieldProblem("scale", "Enum", "规模须为 大型、中型、小型 或 微型"));
        }
        String phone = v.get("safetyManagerPhone");
        if (phone != null && !phone.matches(SafetyController.PHONE)) {
            problems.add(new FieldProblem("safetyManagerPhone", "Phone", "不是有效的手机或座机号码"));
        }
        Double lon = number(v.get("lon"));
        Double lat = number(v.get("lat"));
        if ((v.get("lon") != null && lon == null) || (v.get("lat") != null && lat == null)) {
            problems.add(new FieldProblem("lon", "Number", "经纬度须为数字"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
        return new Enterprises.Fields(CreditCode.of(v.get("creditCode")), v.get("name"), industry, scale,
                v.get("park"), v.get("regionCode"), lon, lat, v.get("legalRepresentative"), v.get("safetyManager"),
                phone, List.of());
    }

    private static Double number(String text) {
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
