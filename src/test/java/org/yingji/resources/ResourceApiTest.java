package org.yingji.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

@PlatformTest
class ResourceApiTest {

    @LocalServerPort
    int port;
    Api admin;

    @BeforeEach
    void signIn() {
        admin = TestUsers.admin(port);
    }

    static Map<String, Object> team(String name, String regionCode, double lon, double lat) {
        Map<String, Object> team = new HashMap<>();
        team.put("name", name);
        team.put("regionCode", regionCode);
        team.put("lon", lon);
        team.put("lat", lat);
        team.put("status", "AVAILABLE");
        team.put("attributes", Map.of("teamKind", "PROFESSIONAL", "specialties", List.of("WATER", "FLOOD"),
                "headcount", 35, "leader", "王队长", "phone", "13800001111"));
        return team;
    }

    @Test
    void theSeededFireStationsOfThePlanAreThere() {
        JsonNode stations = admin.get("/api/resources/fire-stations?size=100").json();
        assertThat(stations.get("total").asInt()).isEqualTo(14);
        List<String> names = stations.get("items").valueStream().map(s -> s.get("name").asString()).toList();
        assertThat(names).contains("仲权乡镇消防站", "牛佛乡镇消防站", "赵化乡镇消防站");
        stations.get("items").forEach(s -> assertThat(s.get("approximate").asBoolean()).isTrue());
    }

    @Test
    void createsReadsUpdatesAndDeletesATeamWithAudit() {
        Api.Response created = admin.post("/api/resources/rescue-teams", team("釜溪河水域救援队", "510302", 104.77, 29.35));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("regionName").asString()).isEqualTo("自流井区");
        assertThat(created.json().get("attributes").get("headcount").asInt()).isEqualTo(35);

        Map<String, Object> change = team("釜溪河水域救援队", "510302", 104.77, 29.35);
        change.put("status", "DEPLOYED");
        Api.Response updated = admin.put("/api/resources/rescue-teams/" + id, change);
        assertThat(updated.json().get("status").asString()).isEqualTo("DEPLOYED");

        assertThat(admin.get("/api/resources/rescue-teams?status=DEPLOYED&specialties=WATER").json().get("items")
                .valueStream().map(t -> t.get("id").asLong()).toList()).contains(id);
        assertThat(admin.get("/api/audit?entityType=RESCUE_TEAM&entityId=" + id).json().get("total").asInt()).isEqualTo(2);

        assertThat(admin.delete("/api/resources/rescue-teams/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/resources/rescue-teams/" + id).status()).isEqualTo(404);
    }

    @Test
    void rejectsBadInputNamingEveryField() {
        Map<String, Object> bad = team("", "510399", 116.4, 39.9); // Beijing, an unknown region
        bad.put("attributes", Map.of("teamKind", "PIRATES", "headcount", -3, "leader", "x", "phone", "abc-123"));
        Api.Response response = admin.post("/api/resources/rescue-teams", bad);
        assertThat(response.status()).isEqualTo(400);
        List<String> fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("name", "regionCode", "lon", "attributes.teamKind", "attributes.headcount",
                "attributes.phone");
        assertThat(response.body()).contains("不在自贡市范围内");
    }

    @Test
    void aCountyUserSeesAndEditsOnlyTheirCounty() {
        long fushunTeam = admin.post("/api/resources/rescue-teams", team("富顺抗洪抢险队", "510322", 105.0, 29.18))
                .json().get("id").asLong();
        Api rongxian = TestUsers.user(port, admin, TestUsers.uniqueName("rxres"), "DUTY_OFFICER", "510321");
        rongxian.get("/api/resources/fire-stations?size=100").json().get("items")
                .forEach(s -> assertThat(s.get("regionCode").asString()).startsWith("510321"));
        assertThat(rongxian.get("/api/resources/fire-stations?size=100").json().get("total").asInt()).isEqualTo(5);
        assertThat(rongxian.get("/api/resources/rescue-teams/" + fushunTeam).status()).isEqualTo(404);
        Api.Response outside = rongxian.post("/api/resources/rescue-teams", team("越权队伍", "510322", 105.0, 29.18));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("errors").get(0).get("key").asString()).isEqualTo("region.outside-scope");
        JsonNode layer = rongxian.get("/api/resources/layers/fire-stations").json();
        assertThat(layer.get("features").size()).isEqualTo(5);
    }

    @Test
    void aGridWorkerMayReadButNotWrite() {
        Api grid = TestUsers.user(port, admin, TestUsers.uniqueName("gridres"), "GRID_WORKER", "510300");
        assertThat(grid.get("/api/resources/fire-stations").status()).isEqualTo(200);
        assertThat(grid.post("/api/resources/rescue-teams", team("x", "510302", 104.77, 29.35)).status()).isEqualTo(403);
    }

    @Test
    void theLayerAnswersGeoJsonWithinABbox() {
        JsonNode all = admin.get("/api/resources/layers/fire-stations").json();
        assertThat(all.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(all.get("features").size()).isEqualTo(14);
        assertThat(all.get("truncated").asBoolean()).isFalse();
        JsonNode first = all.get("features").get(0);
        double lon = first.get("geometry").get("coordinates").get(0).asDouble();
        double lat = first.get("geometry").get("coordinates").get(1).asDouble();
        JsonNode small = admin.get("/api/resources/layers/fire-stations?bbox=" + (lon - 0.001) + "," + (lat - 0.001)
                + "," + (lon + 0.001) + "," + (lat + 0.001)).json();
        assertThat(small.get("features").size()).isEqualTo(1);
        assertThat(admin.get("/api/resources/layers/fire-stations?bbox=1,2,3").status()).isEqualTo(400);
    }

    @Test
    void warehouseStockFlagsLowLines() {
        JsonNode depot = admin.get("/api/resources/warehouses?q=" + java.net.URLEncoder.encode("荣县",
                java.nio.charset.StandardCharsets.UTF_8)).json().get("items").get(0);
        long id = depot.get("id").asLong();
        JsonNode stock = admin.get("/api/warehouses/" + id + "/stock").json();
        assertThat(stock.size()).isEqualTo(12);
        long itemId = stock.get(0).get("itemId").asLong();
        JsonNode line = admin.put("/api/warehouses/" + id + "/stock/" + itemId,
                Map.of("quantity", 10, "minQuantity", 50)).json();
        assertThat(line.get("low").asBoolean()).isTrue();
        Api.Response negative = admin.put("/api/warehouses/" + id + "/stock/" + itemId, Map.of("quantity", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("errors").get(0).get("field").asString()).isEqualTo("quantity");
    }

    @Test
    void kindsDescribeTheirFieldsInChinese() {
        JsonNode kinds = admin.get("/api/resources/kinds").json();
        assertThat(kinds.size()).isEqualTo(9);
        JsonNode team = kinds.valueStream().filter(k -> k.get("kind").asString().equals("RESCUE_TEAM")).findFirst().orElseThrow();
        assertThat(team.get("label").asString()).isEqualTo("应急救援队伍");
        assertThat(team.get("path").asString()).isEqualTo("rescue-teams");
    }
}
