package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** An alarm is given to any user who may handle it: the dialog's search lists exactly those, and assign checks it. */
@PlatformTest
class AlarmAssignmentTest extends AlarmFlowScenario {

    @Test
    void assigneesAreEnabledHandlersCoveringTheAlarmRegionAndOthersAreRefusedNamingTheField() throws Exception {
        Setup s = station(SensorKind.WATER_LEVEL, 10, 11, 12, 13); // station in 510302 自流井区
        long alarmId = raiseRedAlarm(s);
        Api admin = s.admin();

        String tag = TestUsers.uniqueName("asg");
        Api countyOfficer = TestUsers.user(port, admin, tag + "duty", "DUTY_OFFICER", "510302");
        Api commander = TestUsers.user(port, admin, tag + "cmd", "COMMANDER", "510300");
        Api far = TestUsers.user(port, admin, tag + "far", "DUTY_OFFICER", "510311");
        Api insp = TestUsers.user(port, admin, tag + "insp", "INSPECTOR", "510302");
        long county = idOf(countyOfficer);
        long city = idOf(commander);
        long otherCounty = idOf(far);
        long inspector = idOf(insp);
        long disabled = idOf(TestUsers.user(port, admin, tag + "off", "DUTY_OFFICER", "510302"));
        assertThat(admin.post("/api/users/" + disabled + "/disable", Map.of()).status()).isEqualTo(200);

        // the search: only enabled handlers whose subtree holds 510302, found by part of the name
        Api.Response found = admin.get("/api/monitoring/alarms/" + alarmId + "/assignees?q=" + tag);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().valueStream().map(u -> u.get("id").asLong()).toList())
                .containsExactlyInAnyOrder(county, city);
        JsonNode first = found.json().valueStream().filter(u -> u.get("id").asLong() == county).findFirst().orElseThrow();
        assertThat(first.get("displayName").asString()).isEqualTo("测试" + tag + "duty");
        assertThat(first.get("roleName").asString()).isEqualTo("值班员");
        assertThat(first.get("regionName").asString()).isEqualTo("自流井区");
        assertThat(admin.get("/api/monitoring/alarms/" + alarmId + "/assignees?size=1&q=" + tag).json().size())
                .isEqualTo(1);

        // someone outside the alarm's region does not learn it exists; someone who may not handle may not search
        assertThat(far.get("/api/monitoring/alarms/" + alarmId + "/assignees").status()).isEqualTo(404);
        assertThat(insp.get("/api/monitoring/alarms/" + alarmId + "/assignees").status()).isEqualTo(403);

        // assigning someone who may not handle it: 400 naming assigneeId and the rule broken
        Map<Long, String> refused = Map.of(otherCounty, "alarm.assignee.out-of-region",
                inspector, "alarm.assignee.no-permission", disabled, "alarm.assignee.unknown",
                999_999L, "alarm.assignee.unknown");
        for (var entry : refused.entrySet()) {
            Api.Response bad = admin.post("/api/monitoring/alarms/" + alarmId + "/assign",
                    Map.of("assigneeId", entry.getKey()));
            assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
            JsonNode error = bad.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("assigneeId");
            assertThat(error.get("key").asString()).isEqualTo(entry.getValue());
        }
        assertThat(admin.get("/api/monitoring/alarms/" + alarmId).json().get("alarm").get("assigneeId").isNull())
                .isTrue();

        // a county duty officer gives it to the city commander: allowed, stepped, audited, and the commander is told
        Api.Response ok = countyOfficer.post("/api/monitoring/alarms/" + alarmId + "/assign",
                Map.of("assigneeId", city, "comment", "请市局协调"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("assigneeId").asLong()).isEqualTo(city);
        assertThat(ok.json().get("assigneeName").asString()).isEqualTo("测试" + tag + "cmd");
        JsonNode steps = admin.get("/api/monitoring/alarms/" + alarmId).json().get("steps");
        assertThat(steps.valueStream().map(n -> n.get("action").asString()).toList()).contains("ASSIGNED");
        assertThat(admin.get("/api/audit?entityType=mon_alarm&entityId=" + alarmId + "&action=alarm.assign").json()
                .get("total").asLong()).isEqualTo(1);
        assertThat(commander.get("/api/notifications").json().get("items").valueStream()
                .map(n -> n.get("title").asString())).contains("报警已指派给您");
    }

    private long raiseRedAlarm(Setup s) throws InterruptedException {
        Instant t = clock.instant().minusSeconds(60);
        Api.Response sent = new Api(port).withBearer(s.token()).post("/api/ingest/readings", Map.of("readings",
                List.of(Map.of("sensor", s.sensorCode(), "value", 13.5, "time", t.toString()))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        for (long end = System.currentTimeMillis() + 15_000; System.currentTimeMillis() < end; Thread.sleep(100)) {
            JsonNode alarms = s.admin().get("/api/monitoring/alarms?state=OPEN&q=" + s.sensorCode()).json();
            if (alarms.get("total").asLong() > 0) {
                return alarms.get("items").get(0).get("id").asLong();
            }
        }
        throw new AssertionError("no alarm for " + s.sensorCode());
    }

    private static long idOf(Api session) {
        return session.get("/api/auth/me").json().get("id").asLong();
    }
}
