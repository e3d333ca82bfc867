package org.yingji.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** A handover records what the server saw at that moment: open incidents, unacknowledged alarms, overdue tasks. */
@PlatformTest
class DutyHandoverTest {

    @LocalServerPort
    int port;
    @Autowired
    TestClockConfiguration.MutableClock clock;

    @Test
    void aHandoverKeepsTheSnapshotOfOpenIncidentsUnacknowledgedAlarmsAndOverdueTasks() {
        Api admin = TestUsers.admin(port);
        // A monitoring alarm reaches command through its events, yellow first, then red.
        String sensor = "WL-" + TestUsers.uniqueName("h");
        long station = admin.post("/api/monitoring/stations", Map.of("code", "HS-" + sensor, "name", "长土水库水位站",
                "kind", "RESERVOIR", "regionCode", "510302", "lon", CommandTestData.LON, "lat", CommandTestData.LAT))
                .json().get("id").asLong();
        long sensorId = admin.post("/api/monitoring/stations/" + station + "/sensors", Map.of("code", sensor,
                "kind", "WATER_LEVEL", "name", "水位")).json().get("id").asLong();
        assertThat(admin.post("/api/monitoring/rules", Map.of("sensorId", sensorId, "type", "THRESHOLD",
                "direction", "ABOVE", "blue", 288.0, "yellow", 289.0, "orange", 290.0, "red", 291.0, "deadband", 0.2))
                .status()).isEqualTo(201);
        ingest(admin, sensor, 289.5, 0);
        JsonNode alarm = awaitPendingAlarm(admin, sensor, "YELLOW");
        ingest(admin, sensor, 291.6, 1);
        awaitPendingAlarm(admin, sensor, "RED");

        long incident = CommandTestData.open(admin, "长土水库下游内涝", "FLOOD", clock.instant());
        long plan = admin.get("/api/command/plans").json().valueStream()
                .filter(p -> p.get("name").asString().contains("防汛抗旱")).findFirst().orElseThrow().get("id").asLong();
        assertThat(admin.post("/api/command/incidents/" + incident + "/activations", Map.of("planId", plan, "level", "IV"))
                .status()).isEqualTo(201);
        long task = admin.get("/api/command/incidents/" + incident + "/tasks").json().get(0).get("id").asLong();

        clock.advance(Duration.ofHours(12));
        try {
            // The dialog's preview is the same snapshot the server records.
            JsonNode preview = admin.get("/api/command/duty/handover").json().get("snapshot");
            assertThat(ids(preview.get("openIncidents"))).contains(incident);
            assertThat(ids(preview.get("overdueTasks"))).contains(task);

            Api.Response blank = admin.post("/api/command/duty/handover", Map.of("content", " "));
            assertThat(blank.status()).isEqualTo(400);
            assertThat(blank.body()).contains("content", "NotBlank");
            Api.Response recorded = admin.post("/api/command/duty/handover", Map.of("content", "交班：长土水库红色报警未处置"));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            assertSnapshotHolds(recorded.json().get("snapshot"), incident, sensor, task);

            // Afterwards the alarm is acknowledged and the task done: the live view moves on, the record does not.
            assertThat(admin.post("/api/command/alarms/" + alarm.get("id").asLong() + "/open", Map.of()).status())
                    .isEqualTo(201);
            assertThat(admin.put("/api/command/incidents/" + incident + "/tasks/" + task, Map.of("status", "DONE"))
                    .status()).isEqualTo(200);
            JsonNode live = admin.get("/api/command/duty/handover").json().get("snapshot");
            assertThat(live.get("unacknowledgedAlarms").valueStream().map(a -> a.get("sensor").asString()))
                    .noneMatch(s -> s.contains(sensor));
            assertThat(ids(live.get("overdueTasks"))).doesNotContain(task);
            JsonNode history = admin.get("/api/command/duty/handovers").json().get(0);
            assertThat(history.get("content").asString()).isEqualTo("交班：长土水库红色报警未处置");
            assertThat(history.get("author").asString()).isEqualTo("admin");
            assertSnapshotHolds(history.get("snapshot"), incident, sensor, task);

            // Another county's officer sees neither the incident nor this handover, and a department cannot hand over.
            Api elsewhere = TestUsers.user(port, admin, TestUsers.uniqueName("duty"), "DUTY_OFFICER", "510311");
            assertThat(ids(elsewhere.get("/api/command/duty/handover").json().get("snapshot").get("openIncidents")))
                    .doesNotContain(incident);
            assertThat(elsewhere.get("/api/command/duty/handovers").json().valueStream()
                    .map(h -> h.get("id").asLong())).doesNotContain(history.get("id").asLong());
            Api department = TestUsers.user(port, admin, TestUsers.uniqueName("dept"), "DEPARTMENT_USER", "510300");
            assertThat(department.post("/api/command/duty/handover", Map.of("content", "x")).status()).isEqualTo(403);
            assertThat(admin.get("/api/audit?action=duty.handover&entityType=duty_log&entityId=" + history.get("id").asLong())
                    .json().get("items").get(0).get("after").asString()).contains(sensor, "overdueTasks");
        } finally {
            clock.advance(Duration.ofHours(-12));
        }
    }

    private static void assertSnapshotHolds(JsonNode snapshot, long incident, String sensor, long task) {
        assertThat(ids(snapshot.get("openIncidents"))).contains(incident);
        assertThat(snapshot.get("unacknowledgedAlarms").valueStream()
                .filter(a -> a.get("sensor").asString().contains(sensor)).map(a -> a.get("level").asString()).toList())
                .containsExactly("RED");
        JsonNode overdue = snapshot.get("overdueTasks").valueStream().filter(t -> t.get("id").asLong() == task)
                .findFirst().orElseThrow();
        assertThat(overdue.get("incidentTitle").asString()).isEqualTo("长土水库下游内涝");
        assertThat(overdue.get("status").asString()).isEqualTo("PENDING");
    }

    private static List<Long> ids(JsonNode items) {
        return items.valueStream().map(i -> i.get("id").asLong()).toList();
    }

    private void ingest(Api admin, String sensor, double value, int secondsLater) {
        assertThat(admin.post("/api/ingest/readings", Map.of("readings", List.of(Map.of("sensor", sensor,
                "value", value, "time", clock.instant().plusSeconds(secondsLater).toString())))).status()).isEqualTo(200);
    }

    private static JsonNode awaitPendingAlarm(Api admin, String sensor, String level) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/command/alarms").json()
                .valueStream().filter(a -> a.get("sensor").asString().contains(sensor)
                        && a.get("level").asString().equals(level)).findFirst().orElse(null), a -> a != null);
    }
}
