package org.yingji.resources;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.yingji.platform.excel.ExcelSheets;
import org.yingji.platform.excel.ExcelSheets.Column;

/**
 * The Excel form of a resource kind: Chinese column headers (required ones marked *), a template with a sheet of
 * instructions, export of a list, and reading an uploaded sheet back into inputs. Labels are accepted for
 * choices ("待命"), so a person can fill the sheet without knowing the codes.
 */
final class ResourceSheet {

    static final String NAME = "名称";
    static final String REGION = "行政区划代码";
    static final String LON = "经度";
    static final String LAT = "纬度";
    static final String ADDRESS = "地址";
    static final String STATUS = "状态";
    static final String APPROXIMATE = "位置近似";
    static final String ID = "ID";
    static final String REGION_NAME = "所属区划";

    /** A data row of an uploaded sheet: its row number as Excel shows it, and the input it holds. */
    record SheetRow(int rowNumber, ResourceInput input) {
    }

    private ResourceSheet() {
    }

    static List<Column> columns(ResourceKind kind) {
        List<Column> columns = new ArrayList<>(List.of(new Column(NAME, "name", true),
                new Column(REGION, "regionCode", true), new Column(LON, "lon", true), new Column(LAT, "lat", true),
                new Column(ADDRESS, "address", false)));
        if (!kind.statuses().isEmpty()) {
            columns.add(new Column(STATUS, "status", true));
        }
        columns.add(new Column(APPROXIMATE, "approximate", false));
        for (FieldSpec field : kind.fields()) {
            columns.add(new Column(field.label(), "attributes." + field.name(), field.required()));
        }
        return columns;
    }

    static void writeTemplate(ResourceKind kind, OutputStream out) throws IOException {
        ExcelSheets.writeTemplate(kind.label(), columns(kind), column -> explain(kind, column), out);
    }

    static void writeList(ResourceKind kind, Iterable<ResourceView> rows, OutputStream out) throws IOException {
        List<Column> columns = columns(kind);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
            Sheet sheet = workbook.createSheet(kind.label());
            List<String> headers = new ArrayList<>(columns.stream().map(Column::headerText).toList());
            headers.addAll(List.of(ID, REGION_NAME));
            ExcelSheets.writeHeader(workbook, sheet, headers);
            int r = 1;
            for (ResourceView view : rows) {
                Row row = sheet.createRow(r++);
                int c = 0;
                for (Column column : columns) {
                    setCell(row.createCell(c++), value(kind, view, column.field()));
                }
                row.createCell(c++).setCellValue(view.id());
                row.createCell(c).setCellValue(view.regionName());
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** Reads an uploaded sheet into inputs (see {@link ExcelSheets#read}). */
    static List<SheetRow> read(ResourceKind kind, byte[] xlsx) throws Exception {
        return ExcelSheets.read(xlsx, columns(kind)).stream()
                .map(row -> new SheetRow(row.number(), toInput(row.values()))).toList();
    }

    private static ResourceInput toInput(Map<String, String> values) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (field.startsWith("attributes.")) {
                attributes.put(field.substring("attributes.".length()), value);
            }
        });
        String approximate = values.get("approximate");
        return new ResourceInput(values.get("name"), values.get("regionCode"), number(values.get("lon")),
                number(values.get("lat")), values.get("address"), values.get("status"),
                approximate != null && (approximate.equals("是") || approximate.equalsIgnoreCase("true")),
                attributes);
    }

    /** A coordinate cell; a non-number becomes NaN, which validation reports as outside the city. */
    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String explain(ResourceKind kind, Column column) {
        return switch (column.field()) {
            case "regionCode" -> "6 位区县代码（如 510321 荣县）或 12 位乡镇/村代码，须在您的管辖范围内";
            case "lon", "lat" -> "WGS84 坐标，须在自贡市范围内（经度约 104.0–105.3，纬度约 28.9–29.7）";
            case "status" -> "可填：" + String.join("、", kind.statuses().values());
            case "approximate" -> "坐标为估算位置（如乡镇驻地）时填“是”";
            default -> {
                if (column.field().startsWith("attributes.")) {
                    FieldSpec field = kind.field(column.field().substring("attributes.".length()));
                    yield switch (field.type()) {
                        case ENUM -> "可填：" + String.join("、", field.options().values());
                        case MULTI_ENUM -> "可填多个，用顿号或逗号分隔：" + String.join("、", field.options().values());
                        case INTEGER -> "非负整数";
                        case DECIMAL -> "非负数";
                        case PHONE -> "手机号（11 位）或座机（区号-号码）";
                        case URL -> "http://、https://、rtsp:// 或 rtmp:// 开头的地址";
                        default -> "文字";
                    };
                }
                yield "文字";
            }
        };
    }

    private static Object value(ResourceKind kind, ResourceView view, String field) {
        return switch (field) {
            case "name" -> view.name();
            case "regionCode" -> view.regionCode();
            case "lon" -> view.lon();
            case "lat" -> view.lat();
            case "address" -> view.address();
            case "status" -> view.status() == null ? null : kind.statuses().getOrDefault(view.status(), view.status());
            case "approximate" -> view.approximate() ? "是" : "否";
            default -> {
                FieldSpec spec = kind.field(field.substring("attributes.".length()));
                Object value = view.attributes().get(spec.name());
                if (value instanceof List<?> list) {
                    yield String.join("、", list.stream().map(v -> spec.options().getOrDefault(v.toString(), v.toString())).toList());
                }
                yield value != null && !spec.options().isEmpty() ? spec.options().getOrDefault(value.toString(), value.toString()) : value;
            }
        };
    }

    private static void setCell(Cell cell, Object value) {
        if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString());
        }
    }
}
