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
    @Autowired
    ReceiptLog receiptLog;
    @Autowired
    RecipientIndex index;

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

    /** The summary coverage reads, row for row equal to counting the furthest status of every receipt. */
    void assertSummaryEqualsReceipts(long id) {
        List<String> direct = jdbc.sql("""
                        select l.channel || ' ' || coalesce(r.region_code, '') || ' '
                               || count(*) filter (where rank = 0) || ' ' || count(*) filter (where rank = 1)
                               || ' ' || count(*) filter (where rank = 2) || ' ' || count(*) filter (where rank = 3)
                        from (select channel, recipient_id, address,
                                     max(case status when 'QUEUED' then 0 when 'FAILED' then 1 when 'SENT' then 2
                                                     else 3 end) as rank
                              from warning_receipt where warning_id = ? group by channel, recipient_id, address) l
                        left join warning_recipient r on r.id = l.recipient_id
                        group by l.channel, r.region_code""")
                .param(id).query(String.class).list();
        List<String> summary = jdbc.sql("""
                        select channel || ' ' || village_code || ' ' || queued || ' ' || failed || ' ' || sent || ' '
                               || delivered
                        from warning_receipt_summary where warning_id = ?""")
                .param(id).query(String.class).list();
        assertThat(summary).isNotEmpty().containsExactlyInAnyOrderElementsOf(direct);
    }

    long lateRows(long id) {
        return jdbc.sql("select count(*) from warning_receipt where warning_id = ? "
                        + "and status in ('DELIVERED', 'FAILED')").param(id).query(Long.class).single();
    }

    long recipientId(String address) {
        return jdbc.sql("select id from warning_recipient where address = ?").param(address).query(Long.class).single();
    }

    @Test
    void aWarningRightAfterARegistryChangeTargetsItWithoutWaitingForTheRebuild() throws Exception {
        Api admin = TestUsers.admin(port);
        Region village = village("510303");
        addPhones(admin, village, "1373333", 2);
        index.current(); // an index holding both phones
        long kept = recipientId("13733330000");
        long removed = recipientId("13733330001");
        List<Long> slowRecipients;
        // Holding the lock a full rebuild takes keeps the background rebuild from finishing meanwhile.
        synchronized (index) {
            assertThat(admin.delete("/api/warning/recipients/" + removed).status()).isEqualTo(204);
            Api.Response added = admin.post("/api/warning/recipients", Map.of("kind", "PHONE",
                    "address", "13733339999", "regionCode", village.code()));
            assertThat(added.status()).isEqualTo(201);
            long id = publish(admin, village);
            WarningFlowTest.await("the run to finish without the rebuild", () -> "DONE".equals(dispatchState(id)));
            slowRecipients = jdbc.sql("select recipient_id from warning_receipt where warning_id = ? "
                    + "and channel = 'slow' and status = 'SENT'").param(id).query(Long.class).list();
        }
        assertThat(slowRecipients).containsExactlyInAnyOrder(kept, recipientId("13733339999"));
    }

    @Test
    void coverageFiguresKeptWithTheReceiptsEqualACountOfTheReceipts() throws Exception {
        Api admin = TestUsers.admin(port);
        Region village = village("510321");
        addPhones(admin, village, "1372222", 5);
        Api.Response terminal = admin.post("/api/warning/recipients", Map.of("kind", "TERMINAL",
                "address", "T-SUM-" + village.code(), "regionCode", village.code(), "lon", village.lon(),
                "lat", village.lat(), "speakers", 2));
        assertThat(terminal.status()).as(terminal.toString()).isEqualTo(201);

        long id = publish(admin, village);
        WarningFlowTest.await("the run to finish", () -> "DONE".equals(dispatchState(id)));
        assertSummaryEqualsReceipts(id);

        // Delivery reports after the run: a repeated one, a failure after acceptance, the terminal's acknowledgement.
        long first = recipientId("13722220000");
        long second = recipientId("13722220001");
        long terminalId = recipientId("T-SUM-" + village.code());
        receiptLog.delivered(id, 0, "slow", first, "13722220000");
        receiptLog.delivered(id, 0, "slow", first, "13722220000");
        receiptLog.failed(id, 0, "slow", second, "13722220001", "手机关机");
        receiptLog.delivered(id, 0, "broadcast", terminalId, "T-SUM-" + village.code());
        WarningFlowTest.await("the late reports stored", () -> lateRows(id) == 4);
        assertSummaryEqualsReceipts(id);

        JsonNode channels = admin.get("/api/warnings/" + id + "/receipts").json().get("channels");
        assertThat(WarningFlowTest.count(channels, "slow", "delivered")).isEqualTo(1);
        assertThat(WarningFlowTest.count(channels, "slow", "sent")).isEqualTo(4);
        assertThat(WarningFlowTest.count(channels, "broadcast", "delivered")).isEqualTo(1);
        // The acknowledging terminal makes the whole village reached.
        JsonNode coverage = admin.get("/api/warnings/" + id + "/coverage").json();
        for (JsonNode v : coverage.get("villages")) {
            if (v.get("code").asString().equals(village.code())) {
                assertThat(v.get("percent").asDouble()).isEqualTo(100.0);
            }
        }
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
        // A delivery report while the resumed run goes, for a phone sent before the stop.
        long early = jdbc.sql("select min(recipient_id) from warning_receipt "
                        + "where warning_id = ? and status = 'SENT'").param(id).query(Long.class).single();
        receiptLog.delivered(id, 0, "slow", early, jdbc.sql("select address from warning_recipient where id = ?")
                .param(early).query(String.class).single());
        WarningFlowTest.await("the resumed run to finish", () -> "DONE".equals(dispatchState(id)));
        WarningFlowTest.await("the report stored", () -> lateRows(id) == 1);
        assertSummaryEqualsReceipts(id);

        // Every phone exactly once on the channel: one QUEUED and one SENT receipt each, and handed over once.
        List<Map<String, Object>> perRecipient = jdbc.sql("""
                        select recipient_id, count(*) filter (where status = 'QUEUED') as queued,
                               count(*) filter (where status in ('SENT', 'FAILED')) as sent
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
        assertThat(WarningFlowTest.count(coverage.get("channels"), "slow", "sent")).isEqualTo(phones - 1);
        assertThat(WarningFlowTest.count(coverage.get("channels"), "slow", "delivered")).isEqualTo(1);
    }
}
