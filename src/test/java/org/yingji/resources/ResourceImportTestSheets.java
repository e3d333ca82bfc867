package org.yingji.resources;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.yingji.Api;

/** Builds shelter import files from the downloaded template, as a user would fill it. */
public final class ResourceImportTestSheets {

    private ResourceImportTestSheets() {
    }

    /** Fills the downloaded template: name, region, lon, lat, then shelter type, capacity, area by header. */
    public static byte[] shelters(Api admin, List<String[]> rows) throws IOException {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(admin.download("/api/resources/shelters/template.xlsx")))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> headers = ResourceImportTest.headers(sheet);
            int r = 1;
            for (String[] values : rows) {
                Row row = sheet.createRow(r++);
                row.createCell(headers.indexOf("名称*")).setCellValue(values[0]);
                row.createCell(headers.indexOf("行政区划代码*")).setCellValue(values[1]);
                row.createCell(headers.indexOf("经度*")).setCellValue(Double.parseDouble(values[2]));
                row.createCell(headers.indexOf("纬度*")).setCellValue(Double.parseDouble(values[3]));
                row.createCell(headers.indexOf("场所类型*")).setCellValue(values[4]);
                row.createCell(headers.indexOf("可容纳人数*")).setCellValue(Double.parseDouble(values[5]));
                row.createCell(headers.indexOf("面积(㎡)*")).setCellValue(Double.parseDouble(values[6]));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

}
