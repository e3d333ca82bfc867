package org.yingji.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
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
class ResourceImportTest {

    @LocalServerPort
    int port;

    @Test
    void theTemplateHasChineseHeadersAndInstructions() throws IOException {
        Api admin = TestUsers.admin(port);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(admin.download("/api/resources/shelters/template.xlsx")))) {
            assertThat(headers(workbook.getSheetAt(0))).startsWith("名称*", "行政区划代码*", "经度*", "纬度*", "地址")
                    .contains("可容纳人数*", "面积(㎡)*");
            assertThat(workbook.getSheetName(1)).isEqualTo("填写说明");
        }
    }

    @Test
    void anImportWithOneBadRowListsItAndImportsNothing() throws Exception {
        Api admin = TestUsers.admin(port);
        String prefix = TestUsers.uniqueName("避难所");
        byte[] sheet = ResourceImportTestSheets.shelters(admin, List.of(
                new String[]{prefix + "-1", "510321", "104.42", "29.45", "Ⅰ类(长期)", "2000", "15000"},
                new String[]{prefix + "-2", "510321", "104.43", "29.46", "Ⅲ类(短期)", "-5", "800"},
                new String[]{prefix + "-3", "510322", "104.99", "29.20", "室内避难场所", "300", "1200"}));
        JsonNode failed = runImport(admin, sheet);
        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.get("errors").size()).isEqualTo(1);
        JsonNode error = failed.get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(3);
        assertThat(error.get("column").asString()).isEqualTo("可容纳人数");
        assertThat(error.get("message").asString()).contains("不能为负数");
        assertThat(admin.get("/api/resources/shelters?q=" + prefix).json().get("total").asInt()).isZero();

        byte[] fixed = ResourceImportTestSheets.shelters(admin, List.of(
                new String[]{prefix + "-1", "510321", "104.42", "29.45", "Ⅰ类(长期)", "2000", "15000"},
                new String[]{prefix + "-2", "510321", "104.43", "29.46", "Ⅲ类(短期)", "500", "800"},
                new String[]{prefix + "-3", "510322", "104.99", "29.20", "室内避难场所", "300", "1200"}));
        JsonNode done = runImport(admin, fixed);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("imported").asInt()).isEqualTo(3);
        assertThat(done.get("processed").asInt()).isEqualTo(3);
        assertThat(admin.get("/api/resources/shelters?q=" + prefix).json().get("total").asInt()).isEqualTo(3);
        assertThat(admin.get("/api/audit?action=resource.import").json().get("items").get(0).get("after").asString())
                .contains("\"rows\":3");

        try (var exported = new XSSFWorkbook(new ByteArrayInputStream(
                admin.download("/api/resources/shelters/export.xlsx?q=" + prefix)))) {
            Sheet list = exported.getSheetAt(0);
            assertThat(list.getLastRowNum()).isEqualTo(3);
            int type = headers(list).indexOf("场所类型*");
            assertThat(new DataFormatter().formatCellValue(list.getRow(1).getCell(type)))
                    .isIn("Ⅰ类(长期)", "Ⅲ类(短期)", "室内避难场所");
        }
    }

    @Test
    void aFileThatIsNotTheTemplateIsRefusedClearly() throws Exception {
        Api admin = TestUsers.admin(port);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var workbook = new XSSFWorkbook()) {
            workbook.createSheet("x").createRow(0).createCell(0).setCellValue("随便什么");
            workbook.write(out);
        }
        JsonNode job = runImport(admin, out.toByteArray());
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("message").asString()).contains("缺少必填列");
        Api.Response notExcel = admin.upload("/api/resources/shelters/import", "data.csv", "a,b".getBytes());
        assertThat(notExcel.status()).isEqualTo(400);
        assertThat(notExcel.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
    }

    static JsonNode runImport(Api admin, byte[] xlsx) throws InterruptedException {
        Api.Response started = admin.upload("/api/resources/shelters/import", "避难场所.xlsx", xlsx);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asString();
        for (int i = 0; i < 200; i++) {
            JsonNode job = admin.get("/api/resources/imports/" + id).json();
            String state = job.get("state").asString();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import did not finish");
    }

    static List<String> headers(Sheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
        return headers;
    }
}
