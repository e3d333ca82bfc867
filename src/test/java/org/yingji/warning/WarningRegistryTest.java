package org.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration.MutableClock;
import org.yingji.TestUsers;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.user.Role;
import tools.jackson.databind.JsonNode;

/** Recipients by Excel, CAP from other systems, a warning pre-filled from an alarm, scheduled expiry. */
@PlatformTest
class WarningRegistryTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    WarningExpiry expiry;
    @Autowired
    Warnings warnings;

    byte[] sheet(Api admin, List<List<String>> rows) throws Exception {
        byte[] template = admin.download("/api/warning/recipients/template?kind=PHONE");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i + 1);
                for (int c = 0; c < rows.get(i).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(i).get(c));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void importsPhonesAllOrNothingListingEveryBadRow() throws Exception {
        Api admin = TestUsers.admin(port);
        String village = "510302001002";
        byte[] bad = sheet(admin, List.of(
                List.of("13700000001", "张三", village),
                List.of("1370000", "李四", village),
                List.of("13700000003", "王五", "999999999999"),
                List.of("13700000001", "重复", village)));
        Api.Response refused = admin.upload("/api/warning/recipients/import?kind=PHONE", "phones.xlsx", bad);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("key").asString()).isEqualTo("import.invalid-rows");
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("rows[3].address", "rows[4].regionCode", "rows[5].address");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("第 3 行", "手机号码");
        assertThat(admin.get("/api/warning/recipients?q=13700000001").json().get("total").asLong()).isZero();

        byte[] good = sheet(admin, List.of(List.of("13700000001", "张三", village),
                List.of("13700000002", "李四", village, "104.7650", "29.3180")));
        Api.Response imported = admin.upload("/api/warning/recipients/import?kind=PHONE", "phones.xlsx", good);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        JsonNode listed = admin.get("/api/warning/recipients?kind=PHONE&q=1370000000").json();
        assertThat(listed.get("total").asLong()).isEqualTo(2);
    }

    HttpResponse<String> postXml(String token, String path, String xml) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/cap+xml")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String capAlert(String identifier, String sent, String polygon) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>zgqx@cma.gov.cn</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>Alert</msgType>
                  <scope>Public</scope>
                  <info>
                    <language>zh-CN</language>
                    <category>Met</category>
                    <event>暴雨橙色预警</event>
                    <urgency>Expected</urgency>
                    <severity>Severe</severity>
                    <certainty>Likely</certainty>
                    <senderName>自贡市气象台</senderName>
                    <headline>自贡市气象台发布暴雨橙色预警</headline>
                    <description>预计未来 6 小时自流井区、大安区降雨量将达 50 毫米以上。</description>
                    <instruction>注意防范城乡积涝和山洪。</instruction>
                    <area>
                      <areaDesc>自流井区、大安区</areaDesc>
                      <polygon>%s</polygon>
                      <geocode><valueName>GB/T 2260</valueName><value>510302</value></geocode>
                    </area>
                  </info>
                </alert>""".formatted(identifier, sent, polygon);
    }

    @Test
    void importsACapAlertFromTheWeatherServiceAndListsEveryViolationOfABadOne() throws Exception {
        Api admin = TestUsers.admin(port);
        String token = admin.post("/api/tokens", Map.of("name", TestUsers.uniqueName("cap"))).json().get("token")
                .asString();
        String identifier = "zgqx-" + TestUsers.uniqueName("a");
        HttpResponse<String> created = postXml(token, "/api/warnings/cap", capAlert(identifier,
                "2026-06-01T10:00:00+08:00", "29.30,104.74 29.30,104.80 29.36,104.80 29.36,104.74 29.30,104.74"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode warning = Api.JSON.readTree(created.body());
        assertThat(warning.get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(warning.get("level").asString()).isEqualTo("ORANGE");
        assertThat(warning.get("eventType").asString()).isEqualTo("RAINSTORM");
        assertThat(warning.get("importedFrom").asString()).isEqualTo("zgqx@cma.gov.cn");
        assertThat(warning.get("regionCodes").get(0).asString()).isEqualTo("510302");
        assertThat(postXml(token, "/api/warnings/cap", capAlert(identifier, "2026-06-01T10:00:00+08:00",
                "29.30,104.74 29.30,104.80 29.36,104.80 29.36,104.74 29.30,104.74")).statusCode()).isEqualTo(409);

        String broken = capAlert("bad id", "2026-06-01T10:00:00-00:00", "29.30,104.74 29.30,104.80 29.36,104.80")
                .replace("<scope>Public</scope>", "<scope>Everyone</scope>");
        HttpResponse<String> refused = postXml(token, "/api/warnings/cap", broken);
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = Api.JSON.readTree(refused.body());
        assertThat(problem.get("key").asString()).isEqualTo("cap.invalid");
        List<String> keys = new ArrayList<>();
        problem.get("errors").forEach(e -> keys.add(e.get("key").asString()));
        assertThat(keys).contains("cap.xsd", "cap.identifier.characters", "cap.sent.utc", "cap.polygon.points");
        assertThat(problem.get("errors").get(0).get("field").asString()).startsWith("line ");

        HttpResponse<String> california = postXml(token, "/api/warnings/cap/validate", new String(
                CapDocumentsTest.example("a2-thunderstorm.xml"), StandardCharsets.UTF_8));
        assertThat(Api.JSON.readTree(california.body()).get("valid").asBoolean()).isTrue();
        HttpResponse<String> elsewhere = postXml(token, "/api/warnings/cap", new String(
                CapDocumentsTest.example("a2-thunderstorm.xml"), StandardCharsets.UTF_8));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("area.outside-city");
    }

    @Test
    void theCommandCentreDraftsAWarningAroundAnAlarmThroughTheModuleApi() {
        long adminId = TestUsers.admin(port).get("/api/auth/me").json().get("id").asLong();
        CurrentUser admin = new CurrentUser(adminId, "admin", "系统管理员", Role.ADMIN, "510300", false, null);
        WarningView draft = warnings.draftFromAlarm(admin, "ALARM-7", EventType.GEOLOGICAL_HAZARD, WarningLevel.RED,
                "荣县双石镇滑坡监测点位移速率超阈值", 104.42, 29.45, 2.0);
        assertThat(draft.state()).isEqualTo(WarningState.DRAFT);
        assertThat(draft.headline()).isEqualTo("自贡市地质灾害红色预警");
        assertThat(draft.sourceAlarmId()).isEqualTo("ALARM-7");
        assertThat(draft.area().get("type").asString()).isEqualTo("MultiPolygon");
        assertThat(draft.area().get("coordinates").get(0).get(0)).hasSize(33);
    }

    @Test
    void aWarningDraftedFromAnAlarmIsPrefilledAndExpiresOnSchedule() {
        Api admin = TestUsers.admin(port);
        Api approver = TestUsers.user(port, admin, TestUsers.uniqueName("exp"), "COMMANDER", "510300");
        Api.Response drafted = admin.post("/api/warnings", Map.of("sourceAlarmId", "ALARM-42", "eventType", "FLOOD",
                "level", "ORANGE", "description", "釜溪河富顺站水位超警戒 0.8 米", "instruction", "沿河群众立即撤离",
                "expiresAt", clock.instant().plus(Duration.ofHours(2)).toString()));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        JsonNode draft = drafted.json();
        assertThat(draft.get("headline").asString()).isEqualTo("自贡市洪水橙色预警");
        assertThat(draft.get("sourceAlarmId").asString()).isEqualTo("ALARM-42");
        assertThat(draft.get("regionCodes").get(0).asString()).isEqualTo("510300");
        long id = draft.get("id").asLong();
        admin.post("/api/warnings/" + id + "/submit", null);
        approver.post("/api/warnings/" + id + "/approve", null);
        assertThat(approver.post("/api/warnings/" + id + "/publish", null).json().get("state").asString())
                .isEqualTo("PUBLISHED");
        assertThat(new Api(port).get("/public/warnings.atom").body()).contains("/public/warnings/" + id + ".cap.xml");

        clock.advance(Duration.ofHours(3));
        expiry.expire();
        assertThat(admin.get("/api/warnings/" + id).json().get("state").asString()).isEqualTo("EXPIRED");
        assertThat(new Api(port).get("/public/warnings.atom").body()).doesNotContain("/public/warnings/" + id + ".cap.xml");
        JsonNode audit = admin.get("/api/audit?entityType=warning&entityId=" + id + "&action=warning.expire").json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        assertThat(Instant.parse(admin.get("/api/warnings/" + id).json().get("expiresAt").asString()))
                .isBefore(clock.instant());
    }
}
