package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** Alarm rules from the Excel template: checked like the rule editor, all or nothing, every bad cell named. */
@PlatformTest
class RuleImportTest {

    static final String TEMPLATE = MonitoringTestSheets.RULE_TEMPLATE;
    static final String IMPORT = "/api/monitoring/rules/import";

    @LocalServerPort
    int port;

    record Sensors(long stationId, String level, long levelId, String rain, long rainId) {
    }

    /** A station of 荣县 with a water-level and a rain sensor. */
    private static Sensors station(Api admin) {
        String s = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Api.Response station = admin.post("/api/monitoring/stations", Map.of("code", "RI-" + s, "name", "规则导入站" + s,
                "kind", "RESERVOIR", "regionCode", "510321", "lon", 104.42, "lat", 29.48));
        assertThat(station.status()).as(station.toString()).isEqualTo(201);
        long id = station.json().get("id").asLong();
        long level = admin.post("/api/monitoring/stations/" + id + "/sensors", Map.of("code", "RI-" + s + "-WL",
                "kind", "WATER_LEVEL")).json().get("id").asLong();
        long rain = admin.post("/api/monitoring/stations/" + id + "/sensors", Map.of("code", "RI-" + s + "-RN",
                "kind", "RAINFALL")).json().get("id").asLong();
        return new Sensors(id, "RI-" + s + "-WL", level, "RI-" + s + "-RN", rain);
    }

    /** The sensor's own rules, disabled ones too, as the station page lists them. */
    private static List<JsonNode> rulesOf(Api admin, Sensors s, long sensorId) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode sensor : admin.get("/api/monitoring/stations/" + s.stationId()).json().get("sensors")) {
            for (JsonNode rule : sensor.get("rules")) {
                if (rule.hasNonNull("sensorId") && rule.get("sensorId").asLong() == sensorId) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    private static long importAudits(Api admin) {
        return admin.get("/api/audit?action=rule.import").json().get("total").asLong();
    }

    @Test
    void templateHasChineseHeadersAndAnInstructionSheet() throws Exception {
        Api admin = TestUsers.admin(port);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(admin.download(TEMPLATE)))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("报警规则");
            assertThat(workbook.getSheetName(1)).isEqualTo("填写说明");
            DataFormatter text = new DataFormatter();
            List<String> headers = new ArrayList<>();
            workbook.getSheetAt(0).getRow(0).forEach(cell -> headers.add(text.formatCellValue(cell)));
            assertThat(headers).containsExactly("传感器编码", "传感器类型", "规则类型*", "方向", "统计窗口（分钟）",
                    "蓝色线", "黄色线", "橙色线", "红色线", "回差", "启用");
            assertThat(text.formatCellValue(workbook.getSheetAt(1).getRow(3).getCell(2))).contains("阈值", "离线");
        }
    }

    @Test
    void aGoodFileAddsRulesAndARepeatedRowSetsTheExistingRuleAuditedOnce() throws Exception {
        Api admin = TestUsers.admin(port);
        Sensors s = station(admin);
        long auditsBefore = importAudits(admin);
        Api.Response ok = admin.upload(IMPORT, "规则.xlsx", MonitoringTestSheets.filled(admin, TEMPLATE, List.of(
                new Object[] {s.level(), null, "阈值", "高于", null, 300.0, 301.0, 302.0, 303.0, 0.2, "是"},
                new Object[] {s.level(), null, "阈值", "低于", null, 290.0, 289.0, 288.0, 287.0, null, null},
                new Object[] {s.level(), null, "离线", null, null, null, null, 30.0, 60.0, null, null},
                new Object[] {s.rain(), null, "累计", null, 60.0, 10.0, 20.0, 30.0, 50.0, null, "否"})));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("added").asInt()).isEqualTo(4);
        assertThat(ok.json().get("updated").asInt()).isZero();

        List<JsonNode> level = rulesOf(admin, s, s.levelId());
        assertThat(level).extracting(r -> r.get("type").asString() + "/" + r.get("direction").asString())
                .containsExactlyInAnyOrder("THRESHOLD/ABOVE", "THRESHOLD/BELOW", "OFFLINE/ABOVE");
        JsonNode above = level.stream().filter(r -> r.get("direction").asString().equals("ABOVE")
                && r.get("type").asString().equals("THRESHOLD")).findFirst().orElseThrow();
        assertThat(above.get("red").asDouble()).isEqualTo(303);
        assertThat(above.get("deadband").asDouble()).isEqualTo(0.2);
        JsonNode rain = rulesOf(admin, s, s.rainId()).get(0);
        assertThat(rain.get("type").asString()).isEqualTo("ACCUMULATION");
        assertThat(rain.get("windowMinutes").asInt()).isEqualTo(60);
        assertThat(rain.get("enabled").asBoolean()).isFalse();
        assertThat(importAudits(admin)).isEqualTo(auditsBefore + 1);

        // the same sensor, type and direction again: its lines change, no second rule
        Api.Response again = admin.upload(IMPORT, "规则.xlsx", MonitoringTestSheets.filled(admin, TEMPLATE, List.<Object[]>of(
                new Object[] {s.level(), null, "THRESHOLD", "ABOVE", null, 310.0, 311.0, 312.0, 313.0, null, null})));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("updated").asInt()).isEqualTo(1);
        assertThat(rulesOf(admin, s, s.levelId())).hasSize(3).anySatisfy(r -> assertThat(r.get("red").asDouble()).isEqualTo(313));
        assertThat(importAudits(admin)).isEqualTo(auditsBefore + 2);
    }

    @Test
    void aFileWithSeveralBadRowsWritesNothingAndNamesEveryRowColumnAndReason() throws Exception {
        Api admin = TestUsers.admin(port);
        Sensors s = station(admin);
        long auditsBefore = importAudits(admin);
        Api.Response rejected = admin.upload(IMPORT, "规则.xlsx", MonitoringTestSheets.filled(admin, TEMPLATE, List.of(
                new Object[] {s.level(), null, "阈值", null, null, 300.0, 301.0, 302.0, 303.0, null, null},
                new Object[] {"NO-SUCH-SENSOR", null, "阈值", null, null, null, null, null, 5.0, null, null},
                new Object[] {s.level(), "水位", "阈值", null, null, null, null, null, 5.0, null, null},
                new Object[] {s.level(), null, "阀值", null, null, null, null, null, 5.0, null, null},
                new Object[] {s.level(), null, "阈值", "低于", null, 300.0, 301.0, null, null, null, null},
                new Object[] {s.rain(), null, "阈值", null, null, null, null, null, "很大", null, null},
                new Object[] {s.rain(), null, "累计", null, null, 10.0, 20.0, null, null, null, null},
                new Object[] {s.level(), null, "阈值", "高于", null, 1.0, 2.0, null, null, -1.0, "也许"},
                new Object[] {s.rain(), null, "变化速率", null, 30.0, null, null, null, null, null, null})));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
        JsonNode body = rejected.json();
        assertThat(body.get("detail").asString()).contains("有 8 行数据不合法，未导入任何数据");
        assertThat(body.get("errors").valueStream().map(e -> e.get("field").asString() + ":" + e.get("key").asString())
                .toList()).containsExactly(
                "rows[3].sensorCode:sensor.unknown",
                "rows[4].sensorKind:rule.target",
                "rows[5].type:Enum",
                "rows[6].yellow:rule.order",
                "rows[7].red:Number",
                "rows[8].windowMinutes:rule.window",
                "rows[9].enabled:Enum",
                "rows[10].red:rule.no-line");
        assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo("第 3 行「传感器编码」：传感器不存在或不在您的管辖范围内");
        assertThat(body.get("errors").get(3).get("message").asString())
                .isEqualTo("第 6 行「黄色线」：低于型规则的预警线须按蓝、黄、橙、红依次降低");
        assertThat(rulesOf(admin, s, s.levelId())).isEmpty();
        assertThat(rulesOf(admin, s, s.rainId())).isEmpty();
        assertThat(importAudits(admin)).isEqualTo(auditsBefore);

        // a county user: kind-wide rules are city-wide, and another county's sensor is not theirs
        Api county = TestUsers.user(port, admin, TestUsers.uniqueName("ri"), "DEPARTMENT_USER", "510302");
        Api.Response scoped = county.upload(IMPORT, "规则.xlsx", MonitoringTestSheets.filled(county, TEMPLATE, List.of(
                new Object[] {null, "水位", "阈值", null, null, null, null, null, 5.0, null, null},
                new Object[] {s.level(), null, "阈值", null, null, null, null, null, 5.0, null, null})));
        assertThat(scoped.status()).as(scoped.toString()).isEqualTo(400);
        assertThat(scoped.json().get("errors").valueStream().map(e -> e.get("field").asString() + ":"
                + e.get("key").asString()).toList()).containsExactly("rows[2].sensorKind:rule.kind-wide",
                "rows[3].sensorCode:sensor.unknown");
    }
}
