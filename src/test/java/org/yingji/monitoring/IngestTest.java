package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** HTTP batches (all or nothing, reply after commit, de-duplication), MQTT dead letters, rule checks, escalation. */
@PlatformTest
class IngestTest extends AlarmFlowScenario {

    @Autowired
    Alarms alarms;

    static Map<String, Object> reading(String sensor, Object value, Instant time) {
        return Map.of("sensor", sensor, "value", value, "time", time.toString());
    }

    @Test
    void httpBatchIsAllOrNothingWithEveryReasonAndRepeatsAreIgnored() {
        Setup s = station(SensorKind.WATER_LEVEL, 10, 11, 12, 13);
        Api device = new Api(port).withBearer(s.token());
        Instant t = clock.instant().minusSeconds(600);
        Api.Response bad = device.post("/api/ingest/readings", Map.of("readings", List.of(
                reading(s.sensorCode(), 9.1, t),
                reading("NO-SUCH-SENSOR", 9.1, t),
                reading(s.sensorCode(), "high", t.plusSeconds(1)),
                reading(s.sensorCode(), 5000, t.plusSeconds(2)),
                reading(s.sensorCode(), 9.2, clock.instant().plus(Duration.ofMinutes(10))))));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString() + ":"
                + e.get("key").asString()).toList()).containsExactly("readings[1].sensor:UNKNOWN_SENSOR",
                "readings[2].value:NOT_NUMERIC", "readings[3].value:OUT_OF_RANGE", "readings[4].time:FUTURE_TIME");
        assertThat(s.admin().get("/api/monitoring/sensors/" + s.sensorId() + "/readings").json().size()).isZero();

        List<Map<String, Object>> batch = List.of(reading(s.sensorCode(), 9.1, t),
                reading(s.sensorCode(), 9.3, t.plusSeconds(60)), reading(s.sensorCode(), 9.4, t.plusSeconds(120)));
        Api.Response ok = device.post("/api/ingest/readings", Map.of("readings", batch));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("accepted").asInt()).isEqualTo(3);
        // the reply comes after the commit: the readings are there without waiting
        assertThat(s.admin().get("/api/monitoring/sensors/" + s.sensorId() + "/readings").json().size()).isEqualTo(3);
        assertThat(device.post("/api/ingest/readings", Map.of("readings", batch)).status()).isEqualTo(200);
        JsonNode stored = s.admin().get("/api/monitoring/sensors/" + s.sensorId() + "/readings").json();
        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.get(2).get("value").asDouble()).isEqualTo(9.4);

        // a user without monitoring:ingest may not post readings
        Api inspector = TestUsers.user(port, s.admin(), TestUsers.uniqueName("insp"), "INSPECTOR", "510302");
        assertThat(inspector.post("/api/ingest/readings", Map.of("readings", batch)).status()).isEqualTo(403);
    }

    @Test
    void mqttRejectsLandInTheDeadLetterTableCountedByReason() throws Exception {
        Setup s = station(SensorKind.RAINFALL, 10, 20, 30, 50);
        Map<String, Long> before = counts(s.admin());
        try (MqttClient device = new MqttClient(mqtt.brokerUrl(), "dev-" + UUID.randomUUID(), new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("device");
            options.setPassword(s.token().toCharArray());
            device.connect(options);
            Instant t = clock.instant();
            device.publish(topicPrefix + "UNKNOWN-" + UUID.randomUUID(), payload(1, t), 1, false);
            device.publish(topicPrefix + s.sensorCode(), "{\"value\":\"much\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish(topicPrefix + s.sensorCode(), payload(-3, t), 1, false);
            device.publish(topicPrefix + s.sensorCode(), payload(2, t.plus(Duration.ofHours(1))), 1, false);
            device.publish(topicPrefix + s.sensorCode(), "not json".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish(topicPrefix + s.sensorCode(), payload(2.5, t), 1, false);
            device.disconnect();
        }
        long end = System.currentTimeMillis() + 10_000;
        Map<String, Long> after = counts(s.admin());
        while (System.currentTimeMillis() < end && after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum() < 5) {
            Thread.sleep(200);
            after = counts(s.admin());
        }
        for (String reason : List.of("UNKNOWN_SENSOR", "NOT_NUMERIC", "OUT_OF_RANGE", "FUTURE_TIME", "MALFORMED")) {
            assertThat(after.getOrDefault(reason, 0L) - before.getOrDefault(reason, 0L)).as(reason).isEqualTo(1);
        }
        JsonNode page = s.admin().get("/api/monitoring/dead-letters?reason=OUT_OF_RANGE").json();
        assertThat(page.get("items").get(0).get("detail").asString()).contains("0.0～300.0 mm");
        assertThat(s.admin().get("/api/monitoring/sensors/" + s.sensorId() + "/readings").json().size()).isEqualTo(1);
    }

    private static Map<String, Long> counts(Api admin) {
        JsonNode summary = admin.get("/api/monitoring/dead-letters/summary").json();
        return summary.valueStream().collect(java.util.stream.Collectors.toMap(n -> n.get("reason").asString(),
                n -> n.get("count").asLong()));
    }

    @Test
    void rulesAreCheckedLikeForms() {
        Setup s = station(SensorKind.WATER_LEVEL, 10, 11, 12, 13);
        Api.Response wrongOrder = s.admin().post("/api/monitoring/rules", Map.of("sensorId", s.sensorId(), "type",
                "THRESHOLD", "yellow", 12, "red", 11));
        assertThat(wrongOrder.status()).isEqualTo(400);
        assertThat(wrongOrder.json().get("errors").get(0).get("key").asString()).isEqualTo("rule.order");
        Api.Response noWindow = s.admin().post("/api/monitoring/rules", Map.of("sensorId", s.sensorId(), "type",
                "RATE", "red", 5));
        assertThat(noWindow.status()).isEqualTo(400);
        assertThat(noWindow.json().get("errors").get(0).get("field").asString()).isEqualTo("windowMinutes");
        Api county = TestUsers.user(port, s.admin(), TestUsers.uniqueName("dep"), "DEPARTMENT_USER", "510311");
        assertThat(county.get("/api/monitoring/stations/" + s.stationId()).status()).isEqualTo(404);
        assertThat(county.post("/api/monitoring/rules", Map.of("sensorKind", "WATER_LEVEL", "type", "THRESHOLD",
                "red", 5)).status()).isEqualTo(403);
    }

    @Test
    void unacknowledgedRedAlarmIsEscalatedToTheNextRole() throws Exception {
        Setup s = station(SensorKind.WATER_LEVEL, 10, 11, 12, 13);
        Api duty = TestUsers.user(port, s.admin(), TestUsers.uniqueName("duty"), "DUTY_OFFICER", "510302");
        Api commander = TestUsers.user(port, s.admin(), TestUsers.uniqueName("cmd"), "COMMANDER", "510300");
        Api device = new Api(port).withBearer(s.token());
        assertThat(device.post("/api/ingest/readings", Map.of("readings", List.of(
                reading(s.sensorCode(), 13.5, clock.instant().minusSeconds(5))))).status()).isEqualTo(200);
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end && unread(duty, s.stationId()) == 0) {
            Thread.sleep(100);
        }
        assertThat(unread(duty, s.stationId())).isEqualTo(1);
        assertThat(unread(commander, s.stationId())).isZero();

        ((TestClockConfiguration.MutableClock) clock).advance(Duration.ofMinutes(11));
        alarms.escalate();
        assertThat(unread(commander, s.stationId())).isEqualTo(1);
        JsonNode alarm = s.admin().get("/api/monitoring/alarms?stationId=" + s.stationId()).json().get("items").get(0);
        assertThat(alarm.get("escalationCount").asInt()).isEqualTo(1);
        JsonNode steps = s.admin().get("/api/monitoring/alarms/" + alarm.get("id").asLong()).json().get("steps");
        assertThat(steps.get(steps.size() - 1).get("action").asString()).isEqualTo("ESCALATED");
        // escalated once per interval, not on every check
        alarms.escalate();
        assertThat(unread(commander, s.stationId())).isEqualTo(1);
    }

    private static long unread(Api user, long stationId) {
        JsonNode list = user.get("/api/notifications").json();
        JsonNode items = list.isArray() ? list : list.get("items");
        return items.valueStream().filter(n -> n.get("body").asString().contains("测试水库")).count();
    }
}
