package org.yingji.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** The must-show flow: red alarm → incident → graded Ⅲ → flood plan Ⅲ → tasks → nearest water team → warning → sitrep. */
@PlatformTest
class IncidentCommandFlowTest {

    @LocalServerPort
    int port;
    @Autowired
    TestClockConfiguration.MutableClock clock;

    @Test
    void redAlarmToSitrepWithEveryFactInThePdf() throws Exception {
        Api admin = TestUsers.admin(port);
        Api duty = TestUsers.user(port, admin, TestUsers.uniqueName("duty"), "DUTY_OFFICER", "510300");
        Api info = TestUsers.user(port, admin, TestUsers.uniqueName("info"), "INFO_OFFICER", "510302");
        // A non-water team nearest, the water team next, another water team farther away.
        CommandTestData.team(admin, TestUsers.uniqueName("山地救援队"), List.of("MOUNTAIN"), CommandTestData.LON + 0.0005,
                CommandTestData.LAT);
        long nearWater = CommandTestData.team(admin, TestUsers.uniqueName("釜溪河水域救援队"), List.of("WATER", "FLOOD"),
                CommandTestData.LON + 0.002, CommandTestData.LAT);
        CommandTestData.team(admin, TestUsers.uniqueName("沿滩水域救援队"), List.of("WATER"), CommandTestData.LON + 0.03,
                CommandTestData.LAT);

        // 1. A real red alarm: a water-level reading over the red line at a monitoring station, ingested over HTTP;
        // the monitoring module raises AlarmRaised, the duty screen lists it, one click opens the incident.
        String suffix = TestUsers.uniqueName("s");
        long stationId = admin.post("/api/monitoring/stations", Map.of("code", "FX-" + suffix, "name", "釜溪河自流井水位站",
                "kind", "RESERVOIR", "regionCode", "510302", "lon", CommandTestData.LON, "lat", CommandTestData.LAT))
                .json().get("id").asLong();
        String sensorCode = "WL-" + suffix;
        long sensorId = admin.post("/api/monitoring/stations/" + stationId + "/sensors", Map.of("code", sensorCode,
                "kind", "WATER_LEVEL", "name", "水位")).json().get("id").asLong();
        assertThat(admin.post("/api/monitoring/rules", Map.of("sensorId", sensorId, "type", "THRESHOLD", "direction",
                "ABOVE", "blue", 288.0, "yellow", 289.0, "orange", 290.0, "red", 291.0, "deadband", 0.2)).status())
                .isEqualTo(201);
        Api device = new Api(port).withBearer(admin.post("/api/tokens", Map.of("name", "device-" + suffix)).json()
                .get("token").asString());
        Instant t0 = clock.instant().minus(Duration.ofMinutes(30));
        assertThat(device.post("/api/ingest/readings", Map.of("readings", List.of(
                Map.of("sensor", sensorCode, "value", 287.5, "time", t0.toString()),
                Map.of("sensor", sensorCode, "value", 291.6, "time", t0.plusSeconds(60).toString())))).status())
                .isEqualTo(200);
        JsonNode candidate = null;
        for (int i = 0; i < 100 && candidate == null; i++) {
            candidate = duty.get("/api/command/alarms").json().valueStream()
                    .filter(a -> a.get("sensor").asString().contains(sensorCode)).findFirst().orElse(null);
            if (candidate == null) {
                Thread.sleep(100);
            }
        }
        assertThat(candidate).as("the red alarm reaches the duty screen").isNotNull();
        assertThat(candidate.get("level").asString()).isEqualTo("RED");
        Api.Response opened = duty.post("/api/command/alarms/" + candidate.get("id").asLong() + "/open", Map.of());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode incident = opened.json();
        long id = incident.get("id").asLong();
        assertThat(incident.get("type").asString()).isEqualTo("FLOOD");
        assertThat(incident.get("source").asString()).isEqualTo("ALARM");
        assertThat(incident.get("title").asString()).contains("红色", "釜溪河自流井水位站");
        assertThat(incident.get("grade").asString()).isEqualTo("IV");
        long candidateId = candidate.get("id").asLong();
        assertThat(duty.get("/api/command/alarms").json().valueStream().map(a -> a.get("id").asLong()).toList())
                .doesNotContain(candidateId);

        // 2. The information officer's first report: 4 dead → Ⅲ 较大, with the rule shown.
        Api.Response report = info.post("/api/command/incidents/" + id + "/loss-reports",
                CommandTestData.report("FIRST", clock.instant(), 4));
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        incident = duty.get("/api/command/incidents/" + id).json();
        assertThat(incident.get("grade").asString()).isEqualTo("III");
        assertThat(incident.get("gradeRule").asString()).startsWith("死亡和失踪 4 人 ≥ 3 人 → 较大 Ⅲ级");
        assertThat(incident.get("firstReportOverdue").asBoolean()).isFalse();

        // 3. The flood plan is suggested at Ⅲ and activated; tasks for the named departments appear.
        JsonNode suggestions = duty.get("/api/command/incidents/" + id + "/plan-suggestions").json();
        JsonNode flood = suggestions.valueStream().filter(s -> s.get("planName").asString().contains("防汛抗旱"))
                .findFirst().orElseThrow();
        assertThat(flood.get("suggestedLevel").asString()).isEqualTo("III");
        Api.Response activated = duty.post("/api/command/incidents/" + id + "/activations",
                Map.of("planId", flood.get("planId").asLong(), "level", "III"));
        assertThat(activated.status()).as(activated.toString()).isEqualTo(201);
        List<JsonNode> tasks = duty.get("/api/command/incidents/" + id + "/tasks").json().valueStream().toList();
        assertThat(tasks).extracting(t -> t.get("departmentName").asString())
                .contains("自贡市水务局", "自贡市应急管理局", "自贡市消防救援支队", "自贡市公安局", "自贡市交通运输局");
        assertThat(tasks).allSatisfy(t -> assertThat(t.get("level").asString()).isEqualTo("III"));
        assertThat(duty.get("/api/command/incidents/" + id).json().get("state").asString()).isEqualTo("RESPONDING");

        // 4. The nearest water-rescue team by travel time is recommended first, and dispatched.
        JsonNode candidates = duty.get("/api/command/incidents/" + id + "/team-recommendations").json();
        assertThat(candidates.get(0).get("teamId").asLong()).isEqualTo(nearWater);
        assertThat(candidates.get(0).get("estimate").asBoolean()).isTrue();
        Api.Response dispatched = duty.post("/api/command/incidents/" + id + "/dispatches/team", Map.of("teamId", nearWater));
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(201);
        String teamName = dispatched.json().get("resourceName").asString();
        assertThat(admin.get("/api/resources/rescue-teams/" + nearWater).json().get("status").asString()).isEqualTo("DEPLOYED");

        // 5. A warning issued from the incident, pre-filled.
        JsonNode draft = duty.get("/api/command/incidents/" + id + "/warning-draft").json();
        assertThat(draft.get("level").asString()).isEqualTo("YELLOW");
        Api.Response warned = duty.post("/api/command/incidents/" + id + "/warnings", Map.of("level", "YELLOW",
                "headline", draft.get("headline").asString(), "description", draft.get("description").asString(), "instruction", draft.get("instruction").asString()));
        assertThat(warned.status()).as(warned.toString()).isEqualTo(201);
        JsonNode warning = duty.get("/api/warnings/" + warned.json().get("warningId").asLong()).json();
        assertThat(warning.get("state").asString()).isEqualTo("DRAFT");
        assertThat(warning.get("eventType").asString()).isEqualTo("FLOOD");
        assertThat(warning.get("level").asString()).isEqualTo("YELLOW");
        assertThat(warning.get("sourceAlarmId").asString()).isEqualTo(incident.get("sourceRef").asString());

        // 6. The sitrep, in PDF and Word, holds those facts.
        byte[] pdf = duty.download("/api/command/incidents/" + id + "/sitrep.pdf");
        String text = pdfText(pdf);
        assertThat(text).contains("突发事件信息专报", "较大", "死亡 4 人", "自贡市防汛抗旱应急预案", "Ⅲ级应急响应",
                "自贡市水务局", teamName, "黄色预警", "红色报警转立案");
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
                duty.download("/api/command/incidents/" + id + "/sitrep.docx")));
             XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
            assertThat(extractor.getText()).contains("较大", "自贡市防汛抗旱应急预案", teamName);
        }
        // The Noto CJK font is embedded, not referenced.
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).containsPattern("/FontFile[23]");

        // The timeline holds every step, newest first.
        JsonNode timeline = duty.get("/api/command/incidents/" + id + "/timeline?size=100").json();
        assertThat(timeline.get("items").valueStream().map(e -> e.get("kind").asString()).toList())
                .contains("INTAKE", "ALARM", "REPORT", "GRADE", "ACTIVATION", "DISPATCH", "WARNING");
    }

    static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append('\n');
        }
        reader.close();
        return text.toString();
    }
}
