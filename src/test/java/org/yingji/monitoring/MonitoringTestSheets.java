package org.yingji.monitoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.yingji.Api;

/** Import files of the monitoring module built from the downloaded templates, as a user would fill them. */
public final class MonitoringTestSheets {

    public static final String RULE_TEMPLATE = "/api/monitoring/rules/template.xlsx";

    private MonitoringTestSheets() {
    }

    /** The template downloaded from {@code templatePath} with {@code rows} filled in below its header, column by column. */
    public static byte[] filled(Api user, String templatePath, List<Object[]> rows) throws Exception {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(user.download(templatePath)))) {
            Sheet sheet = workbook.getSheetAt(0);
            int r = 1;
            for (Object[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.length; c++) {
                    if (values[c] instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (values[c] != null) {
                        row.createCell(c).setCellValue(values[c].toString());
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
