package org.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import tools.jackson.databind.JsonNode;

/**
 * The dissemination run as an operator relies on it: resumed after a restart without sending anyone twice, and
 * its figures on the coverage screen equal to what the receipts say.
 */
@PlatformTest
class DisseminationTest {

    /** A paced counting channel for phones, slow enough to be stopped halfway. */
    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("yingji.warning.channels.slow.type", () -> "sink");
        registry.add("yingji.warning.channels.slow.recipients", () -> "PHONE");
        registry.add("yingji.warning.channels.slow.rate-per-second", () -> "10");
    }

    @LocalServerPort
    int port;
    @Autowired
    Regions regions;
    @Autowired
    Dissemination dissemination;
    @Autowired
    JdbcClient jdbc;

    Region village(String county) {
        return regions.list(RegionScope.of(county), RegionLevel.VILLAGE, null).stream()
                .filter(v -> v.lon() != null && v.population() > 0).findFirst().orElseThrow();
    }

    /** Drafted by one person, approved and published by another; returns the warning's id. */
    long publish(Api admin, Region village) {
        Api drafter = TestUsers.user(port, admin, TestUsers.uniqueName("drafter"), "DEPARTMENT_USER", "510300");
        Api approver = TestUsers.user(port, admin, TestUsers.uniqueName("approver"), "COMMANDER", "510300");
        Api.Response drafted = drafter.post("/api/warnings",
                WarningFlowTest.form(WarningFlowTest.box(village.lon(), village.lat(), 0.002)));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        long id = drafted.json().get("id").asLong();
        assertThat(drafter.post("/api/warnings/" + id + "/submit", null).status()).isEqualTo(200);
        assertThat(approver.post("/api/warnings/" + id + "/approve", null).status()).isEqualTo(200);
        Api.Response published = approver.post("/api/warnings/" + id + "/publish", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    void addPhones(Api admin, Region village, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            Api.Response added = admin.post("/api/warning/recipients", Map.of("kind", "PHONE",
                    "address", prefix + String.format("%04d", i), "regionCode", village.code()));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
    }

    String dispatchState(long id) {
        return jdbc.sql("select state from warning_dispatch where warning_id = ?").param(id).query(String.class)
                .single();
    }

    long receipts(long id, String status) {
        return jdbc.sql("select count(*) from warning_receipt where warning_id = ? and channel = 'slow' and status = ?")
                .params(id, status).query(Long.class).single();
    }

    @Test
    void aRunStoppedHalfwayIsResumedAtTheNextStartAndSendsNobodyTwice() throws Exception {
        Api admin = TestUsers.admin(port);
        Region village = village("510311");
        int phones = 40;
        addPhones(admin, village, "1371111", phones);
        long handedBefore = SinkChannel.HANDED.get();

        long id = publish(admin, village);
        WarningFlowTest.await("some outcomes stored", () -> receipts(id, "SENT") >= 5);
        dissemination.stop();
        long sentBeforeStop = receipts(id, "SENT");
        assertThat(sentBeforeStop).isBetween(5L, phones - 1L);
        assertThat(dispatchState(id)).isEqualTo("RUNNING");
        assertThat(receipts(id, "QUEUED")).isEqualTo(phones);

        dissemination.start();
        WarningFlowTest.await("the resumed run to finish", () -> "DONE".equals(dispatchState(id)));

        // Every phone exactly once on the channel: one QUEUED and one SENT receipt each, and handed over once.
        List<Map<String, Object>> perRecipient = jdbc.sql("""
                        select recipient_id, count(*) filter (where status = 'QUEUED') as queued,
                               count(*) filter (where status = 'SENT') as sent
                        from warning_receipt where warning_id = ? and channel = 'slow' group by recipient_id""")
                .param(id).query().listOfRows();
        assertThat(perRecipient).hasSize(phones);
        perRecipient.forEach(r -> assertThat(List.of(r.get("queued"), r.get("sent"))).as(r.toString())
                .containsExactly(1L, 1L));
        assertThat(SinkChannel.HANDED.get() - handedBefore).isEqualTo(phones);

        // The run says it was resumed and how much it did not repeat; the screen shows it.
        JsonNode dispatch = admin.get("/api/warnings/" + id + "/dispatch").json();
        assertThat(dispatch.get("resumes").asInt()).isEqualTo(1);
        assertThat(dispatch.get("skipped").asLong()).isEqualTo(sentBeforeStop);
        assertThat(dispatch.get("resumed_at").isNull()).isFalse();
        JsonNode coverage = admin.get("/api/warnings/" + id + "/coverage").json();
        assertThat(coverage.get("resumed").get("times").asInt()).isEqualTo(1);
        assertThat(coverage.get("targeted").asInt()).isEqualTo(phones);
        assertThat(WarningFlowTest.count(coverage.get("channels"), "slow", "sent")).isEqualTo(phones);
    }
}
