package org.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

@PlatformTest
class EnterpriseImportTest {

    @LocalServerPort
    int port;

    byte[] sheet(Api admin, List<String[]> rows) throws Exception {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(admin.download("/api/safety/enterprises/template.xlsx")))) {
            Sheet sheet = workbook.getSheetAt(0);
            int r = 1;
            for (String[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.length; c++) {
                    row.createCell(c).setCellValue(values[c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    String[] row(String code, String name, String phone) {
        return new String[]{code, name, "危险化学品", "中型", "川南新材料产业基地", "510311", "104.86", "29.24", "赵六", "钱七", phone};
    }

    @Test
    void importsAllRowsOrNoneListingEveryBadOne() throws Exception {
        Api admin = TestUsers.admin(port);
        String prefix = TestUsers.uniqueName("导入企业");
        String badCode = SafetyTestData.creditCode();
        badCode = badCode.substring(0, 17) + (badCode.charAt(17) == '0' ? '1' : '0');
        Api.Response rejected = admin.upload("/api/safety/enterprises/import", "企业.xlsx", sheet(admin, List.of(
                row(SafetyTestData.creditCode(), prefix + "-1", "13900001111"),
                row(badCode, prefix + "-2", "13900002222"),
                row(SafetyTestData.creditCode(), prefix + "-3", "12345"))));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("key").asString()).isEqualTo("import.invalid-rows");
        List<String> fields = rejected.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactly("rows[3].creditCode", "rows[4].safetyManagerPhone");
        assertThat(rejected.json().get("errors").get(0).get("message").asString()).contains("第 3 行").contains("统一社会信用代码");
        assertThat(admin.get("/api/safety/enterprises?q=" + prefix).json().get("total").asInt()).isZero();

        JsonNode imported = admin.upload("/api/safety/enterprises/import", "企业.xlsx", sheet(admin, List.of(
                row(SafetyTestData.creditCode(), prefix + "-1", "13900001111"),
                row(SafetyTestData.creditCode(), prefix + "-2", "13900002222")))).json();
        assertThat(imported.get("imported").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/safety/enterprises?q=" + prefix).json().get("total").asInt()).isEqualTo(2);
    }
}
