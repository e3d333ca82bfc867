package org.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import org.yingji.platform.mqtt.Mqtt;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import tools.jackson.databind.JsonNode;

/**
 * The must-show path: draft → approve by a second person → publish; the CAP document validates; the SMPP test
 * SMSC receives the SMS and returns delivery receipts; a broadcast terminal on MQTT plays and acknowledges; the
 * webhook receives the CAP; receipts and coverage add up.
 */
@PlatformTest
class WarningFlowTest {

    static final SmppTestServer SMSC;
    static final HttpServer WEBHOOK;
    static final List<String> WEBHOOK_BODIES = new CopyOnWriteArrayList<>();

    static {
        try {
            SMSC = new SmppTestServer();
            WEBHOOK = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WEBHOOK.createContext("/hook", exchange -> {
                WEBHOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                // The first call fails, as a platform that is briefly down: the channel must retry it.
                exchange.sendResponseHeaders(WEBHOOK_BODIES.size() == 1 ? 503 : 204, -1);
                exchange.close();
            });
            WEBHOOK.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("yingji.warning.channels.sms.enabled", () -> "true");
        registry.add("yingji.warning.channels.sms.options.port", () -> SMSC.port);
        registry.add("yingji.warning.channels.sms.backoff", () -> "100ms");
        registry.add("yingji.warning.channels.webhook.enabled", () -> "true");
        registry.add("yingji.warning.channels.webhook.backoff", () -> "50ms");
        registry.add("yingji.warning.channels.webhook.options.urls",
                () -> "http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + "/hook");
    }

    @AfterAll
    static void stop() throws IOException {
        SMSC.close();
        WEBHOOK.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    Regions regions;
    @Autowired
    CapDocuments cap;
    @Autowired
    Mqtt mqtt;

    static Map<String, Object> box(double lon, double lat, double half) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(lon - half, lat - half),
                List.of(lon + half, lat - half), List.of(lon + half, lat + half), List.of(lon - half, lat + half),
                List.of(lon - half, lat - half))));
    }

    static Map<String, Object> form(Object area) {
        Map<String, Object> form = new HashMap<>();
        form.put("eventType", "RAINSTORM");
        form.put("level", "RED");
        form.put("headline", "自流井区暴雨红色预警");
        form.put("description", "预计未来 3 小时自流井区降雨量将达 100 毫米以上。");
        form.put("instruction", "请立即转移至安全地带，远离河道和低洼地区。");
        form.put("senderDepartment", "自贡市气象局");
        form.put("area", area);
        return form;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    Region village(String county) {
        return regions.list(RegionScope.of(county), RegionLevel.VILLAGE, null).stream()
                .filter(v -> v.lon() != null && v.population() > 0).findFirst().orElseThrow();
    }

    @Test
    void aRedWarningGoesFromDraftToEveryChannelAndCountsItsCoverage() throws Exception {
        Api admin = TestUsers.admin(port);
        Api drafter = TestUsers.user(port, admin, TestUsers.uniqueName("drafter"), "DEPARTMENT_USER", "510300");
        String approverName = TestUsers.uniqueName("approver");
        Api approver = TestUsers.user(port, admin, approverName, "COMMANDER", "510300");

        Region inside = village("510302");
        Region outside = village("510322");
        List<String> phones = List.of("13800000001", "13800000002", "13800000003");
        for (String phone : phones) {
            assertThat(admin.post("/api/warning/recipients", Map.of("kind", "PHONE", "address", phone,
                    "regionCode", inside.code())).status()).isEqualTo(201);
        }
        assertThat(admin.post("/api/warning/recipients", Map.of("kind", "PHONE", "address", "13900000009",
                "regionCode", outside.code())).status()).isEqualTo(201);
        String terminalCode = "T-" + inside.code();
        assertThat(admin.post("/api/warning/recipients", Map.of("kind", "TERMINAL", "address", terminalCode,
                "name", inside.name() + "广播", "regionCode", inside.code(), "lon", inside.lon(), "lat", inside.lat(),
                "speakers", 4)).status()).isEqualTo(201);
        List<String> played = new CopyOnWriteArrayList<>();
        MqttClient terminal = new MqttClient(mqtt.brokerUrl(), terminalCode, new MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions signIn = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        signIn.setUserName(terminalCode);
        signIn.setPassword(admin.post("/api/tokens", Map.of("name", terminalCode)).json().get("token").asString()
                .toCharArray());
        terminal.connect(signIn);
        terminal.subscribe("yingji/broadcast/" + terminalCode, 1, (topic, message) -> {
            String body = new String(message.getPayload(), StandardCharsets.UTF_8);
            played.add(body);
            String ack = "{\"messageId\":\"" + Api.JSON.readTree(body).get("messageId").asString() + "\"}";
            // Acknowledge from another thread: Paho forbids publishing from its callback.
            new Thread(() -> {
                try {
                    terminal.publish("yingji/broadcast/" + terminalCode + "/ack", ack.getBytes(StandardCharsets.UTF_8),
                            1, false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).start();
        });
        assertThat(approver.post("/api/warning/subscription", Map.of("regionCode", inside.code())).status())
                .isEqualTo(200);

        Api.Response drafted = drafter.post("/api/warnings", form(box(inside.lon(), inside.lat(), 0.005)));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        long id = drafted.json().get("id").asLong();
        assertThat(drafted.json().get("state").asString()).isEqualTo("DRAFT");

        Api.Response early = approver.post("/api/warnings/" + id + "/publish", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("key").asString()).isEqualTo("warning.not-approved");
        assertThat(early.json().get("detail").asString()).contains("未经审核");

        assertThat(drafter.post("/api/warnings/" + id + "/submit", null).json().get("state").asString())
                .isEqualTo("SUBMITTED");
        assertThat(drafter.post("/api/warnings/" + id + "/approve", null).status()).isEqualTo(403);
        JsonNode approved = approver.post("/api/warnings/" + id + "/approve", null).json();
        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        JsonNode published = approver.post("/api/warnings/" + id + "/publish", null).json();
        assertThat(published.get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(published.get("capUrl").asString()).isEqualTo("/public/warnings/" + id + ".cap.xml");

        // SMS: exactly the three phones inside the polygon, with the instruction, and their delivery receipts.
        await("three SMS at the SMSC", () -> SMSC.received.size() >= 3);
        assertThat(SMSC.received).extracting(SmppTestServer.Received::destination)
                .containsExactlyInAnyOrderElementsOf(phones);
        assertThat(SMSC.received.get(0).text()).contains("红色暴雨预警", "自流井区暴雨红色预警", "请立即转移");
        await("receipts", () -> {
            JsonNode channels = admin.get("/api/warnings/" + id + "/receipts").json().get("channels");
            return channels.size() == 4 && count(channels, "sms", "delivered") == 3
                    && count(channels, "broadcast", "delivered") == 1
                    && count(channels, "app", "sent") == 1 && count(channels, "webhook", "delivered") == 1;
        });
        JsonNode receipts = admin.get("/api/warnings/" + id + "/receipts?channel=sms").json();
        assertThat(receipts.get("items")).hasSize(3);
        receipts.get("items").forEach(r -> assertThat(r.get("status").asString()).isEqualTo("DELIVERED"));

        // Broadcast: the terminal got the text on its topic and acknowledged.
        assertThat(played).hasSize(1);
        assertThat(Api.JSON.readTree(played.get(0)).get("text").asString()).contains("请立即转移");

        // Webhook: refused once (503), retried after the backoff, then delivered with the CAP document.
        assertThat(WEBHOOK_BODIES).hasSize(2);
        assertThat(WEBHOOK_BODIES.get(1)).isEqualTo(WEBHOOK_BODIES.get(0));
        JsonNode hook = Api.JSON.readTree(WEBHOOK_BODIES.get(1));
        assertThat(hook.get("msgType").asString()).isEqualTo("Alert");
        assertThat(hook.get("cap").asString()).contains("<polygon>");

        // CAP: public, valid against the schema and rules, with lat,lon pairs.
        Api anonymous = new Api(port);
        Api.Response capDoc = anonymous.get("/public/warnings/" + id + ".cap.xml");
        assertThat(capDoc.status()).isEqualTo(200);
        assertThat(capDoc.contentType()).startsWith("application/cap+xml");
        assertThat(cap.validate(capDoc.body().getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(capDoc.body()).contains("<msgType>Alert</msgType>", "<severity>Extreme</severity>",
                "<urgency>Immediate</urgency>", "<category>Met</category>",
                String.format("%s,%s", inside.lat() - 0.005, inside.lon() - 0.005));
        Api.Response atom = anonymous.get("/public/warnings.atom");
        assertThat(atom.status()).isEqualTo(200);
        assertThat(atom.body()).contains("/public/warnings/" + id + ".cap.xml", "application/cap+xml");

        // Coverage: the people in the area are the village's population (all its registered people are inside);
        // its terminal acknowledged, so the whole village counts as reached.
        JsonNode coverage = admin.get("/api/warnings/" + id + "/coverage").json();
        assertThat(coverage.get("targeted").asInt()).isEqualTo(5);
        long population = 0;
        for (JsonNode v : coverage.get("villages")) {
            population += v.get("population").asLong();
        }
        assertThat(coverage.get("population").asLong()).isEqualTo(population).isGreaterThanOrEqualTo(inside.population());
        assertThat(coverage.get("reached").asLong()).isEqualTo(inside.population());
        JsonNode insideVillage = null;
        for (JsonNode v : coverage.get("villages")) {
            if (v.get("code").asString().equals(inside.code())) {
                insideVillage = v;
            }
        }
        assertThat(insideVillage.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(coverage.get("met").asBoolean()).isEqualTo(coverage.get("percent").asDouble() >= 90.0);
        terminal.disconnect();
        terminal.close();
        assertThat(coverage.get("counties").get(0).get("code").asString()).isEqualTo("510302");

        // Update: a CAP Update referencing the first message.
        Map<String, Object> changed = form(box(inside.lon(), inside.lat(), 0.005));
        changed.put("level", "ORANGE");
        changed.put("headline", "自流井区暴雨橙色预警（降级）");
        // …reviewed like the first publication: proposed, refused unapproved, not approved by its own drafter.
        JsonNode proposed = approver.post("/api/warnings/" + id + "/update", changed).json();
        assertThat(proposed.get("msgType").asString()).isEqualTo("Alert");
        assertThat(proposed.get("pendingUpdate").get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(anonymous.get("/public/warnings/" + id + ".cap.xml").body()).contains("<msgType>Alert</msgType>");
        Api.Response unapproved = approver.post("/api/warnings/" + id + "/update/publish", null);
        assertThat(unapproved.status()).isEqualTo(409);
        assertThat(unapproved.json().get("key").asString()).isEqualTo("warning.update-not-approved");
        assertThat(unapproved.json().get("detail").asString()).contains("未经审核");
        Api.Response ownUpdate = approver.post("/api/warnings/" + id + "/update/approve", null);
        assertThat(ownUpdate.status()).isEqualTo(409);
        assertThat(ownUpdate.json().get("key").asString()).isEqualTo("warning.self-approval");
        assertThat(admin.post("/api/warnings/" + id + "/update/approve", null).json().get("pendingUpdate")
                .get("state").asString()).isEqualTo("APPROVED");
        JsonNode updated = approver.post("/api/warnings/" + id + "/update/publish", null).json();
        assertThat(updated.get("msgType").asString()).isEqualTo("Update");
        assertThat(updated.get("level").asString()).isEqualTo("ORANGE");
        assertThat(updated.get("pendingUpdate").isNull()).isTrue();
        String updateDoc = anonymous.get("/public/warnings/" + id + ".cap.xml").body();
        assertThat(cap.validate(updateDoc.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(updateDoc).contains("<msgType>Update</msgType>", "<references>cap@yjj.zg.gov.cn,"
                + published.get("identifier").asString() + ",");

        // Cancel: a CAP Cancel; the warning leaves the public feed.
        JsonNode cancelled = approver.post("/api/warnings/" + id + "/cancel", Map.of("reason", "降雨减弱")).json();
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(anonymous.get("/public/warnings/" + id + ".cap.xml").body()).contains("<msgType>Cancel</msgType>");
        assertThat(anonymous.get("/public/warnings.atom").body()).doesNotContain("/public/warnings/" + id + ".cap.xml");

        // Every step is in the audit log.
        JsonNode audit = admin.get("/api/audit?entityType=warning&entityId=" + id + "&size=50").json();
        List<String> actions = new ArrayList<>();
        audit.get("items").forEach(e -> actions.add(e.get("action").asString()));
        assertThat(actions).contains("warning.draft", "warning.submit", "warning.approve", "warning.publish",
                "warning.update.submit", "warning.update.approve", "warning.update", "warning.cancel");
    }

    static long count(JsonNode channels, String channel, String field) {
        for (JsonNode c : channels) {
            if (c.get("channel").asString().equals(channel)) {
                return c.get(field).asLong();
            }
        }
        return -1;
    }

    @Test
    void nobodyApprovesTheirOwnDraft() {
        Api admin = TestUsers.admin(port);
        Region inside = village("510302");
        long id = admin.post("/api/warnings", form(box(inside.lon(), inside.lat(), 0.01))).json().get("id").asLong();
        admin.post("/api/warnings/" + id + "/submit", null);
        Api.Response own = admin.post("/api/warnings/" + id + "/approve", null);
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().get("key").asString()).isEqualTo("warning.self-approval");
        assertThat(own.json().get("detail").asString()).contains("不能审核自己起草的预警");
    }

    @Test
    void refusesPolygonsThatCrossThemselvesAreOpenOrLieOutsideTheCity() {
        Api admin = TestUsers.admin(port);
        Map<String, Object> bowTie = Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(104.70, 29.30), List.of(104.75, 29.35), List.of(104.75, 29.30), List.of(104.70, 29.35),
                List.of(104.70, 29.30))));
        Api.Response crossed = admin.post("/api/warnings", form(bowTie));
        assertThat(crossed.status()).isEqualTo(400);
        assertThat(crossed.json().get("errors").get(0).get("field").asString()).isEqualTo("area");
        assertThat(crossed.json().get("errors").get(0).get("key").asString()).isEqualTo("area.invalid.self-intersection");
        assertThat(crossed.json().get("errors").get(0).get("message").asString()).contains("自相交");

        Map<String, Object> open = Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(104.70, 29.30), List.of(104.75, 29.30), List.of(104.75, 29.35), List.of(104.70, 29.35))));
        Api.Response notClosed = admin.post("/api/warnings", form(open));
        assertThat(notClosed.status()).isEqualTo(400);
        assertThat(notClosed.json().get("errors").get(0).get("key").asString()).isEqualTo("area.not-closed");

        Api.Response chengdu = admin.post("/api/warnings", form(box(104.06, 30.66, 0.05)));
        assertThat(chengdu.status()).isEqualTo(400);
        assertThat(chengdu.json().get("errors").get(0).get("key").asString()).isEqualTo("area.outside-city");
        assertThat(chengdu.json().get("errors").get(0).get("message").asString()).contains("超出自贡市范围");

        Api.Response nothing = admin.post("/api/warnings", form(null));
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().get("errors").get(0).get("key").asString()).isEqualTo("area.required");
    }
}
