package org.yingji.platform;

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
class RegionApiTest {

    /**
     * Townships/sub-districts per county in the official division list (NBS statistical division codes 2023,
     * via AreaCity-JsSpider-StatsGov; table in docs/DATA.md).
     */
    static final Map<String, Integer> TOWNSHIPS_PER_COUNTY = Map.of(
            "510302", 12, "510303", 10, "510304", 15, "510311", 12, "510321", 21, "510322", 20);

    @LocalServerPort
    int port;
    Api admin;

    @BeforeEach
    void signIn() {
        admin = TestUsers.admin(port);
    }

    @Test
    void listsTheSixCountiesOfZigong() {
        Api.Response response = admin.get("/api/regions?level=COUNTY");
        assertThat(response.status()).isEqualTo(200);
        Map<String, String> counties = new HashMap<>();
        response.json().forEach(county -> counties.put(county.get("code").asString(), county.get("name").asString()));
        assertThat(counties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "510302", "自流井区", "510303", "贡井区", "510304", "大安区",
                "510311", "沿滩区", "510321", "荣县", "510322", "富顺县"));
    }

    @Test
    void townshipCountPerCountyMatchesTheOfficialList() {
        for (var county : TOWNSHIPS_PER_COUNTY.entrySet()) {
            JsonNode townships = admin.get("/api/regions?level=TOWNSHIP&parent=" + county.getKey()).json();
            assertThat(townships.size()).as(county.getKey()).isEqualTo(county.getValue());
            townships.forEach(t -> assertThat(t.get("code").asString()).hasSize(12).startsWith(county.getKey()));
        }
        assertThat(admin.get("/api/regions?level=TOWNSHIP").json().size()).isEqualTo(90);
        assertThat(admin.get("/api/regions?level=VILLAGE").json().size()).isEqualTo(987);
    }

    @Test
    void populationAddsUpToTheCensusAndFollowsTheCountyShares() {
        assertThat(admin.get("/api/regions/510300").json().get("population").asInt()).isEqualTo(2_489_256);
        int counties = 0;
        for (JsonNode county : admin.get("/api/regions?level=COUNTY").json()) {
            int townships = 0;
            for (JsonNode township : admin.get("/api/regions?parent=" + county.get("code").asString()).json()) {
                townships += township.get("population").asInt();
            }
            assertThat(townships).as(county.get("name").asString()).isEqualTo(county.get("population").asInt());
            counties += county.get("population").asInt();
        }
        assertThat(counties).isEqualTo(2_489_256);
        // 富顺县 holds 71.0 of the 237.884 (10 000s) residents of 2023: 742 955 of the census total.
        assertThat(admin.get("/api/regions/510322").json().get("population").asInt()).isEqualTo(742_955);
        admin.get("/api/regions?level=VILLAGE").json()
                .forEach(village -> assertThat(village.get("population").asInt()).isPositive());
    }

    @Test
    void getsOneRegionByCodeAnd404sAnUnknownOne() {
        JsonNode region = admin.get("/api/regions/510321").json();
        assertThat(region.get("name").asString()).isEqualTo("荣县");
        assertThat(region.get("level").asString()).isEqualTo("COUNTY");
        assertThat(region.get("parentCode").asString()).isEqualTo("510300");

        Api.Response unknown = admin.get("/api/regions/519999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("key").asString()).isEqualTo("not-found");
    }

    @Test
    void treeNestsTownshipsUnderCounties() {
        JsonNode tree = admin.get("/api/regions/tree").json();
        assertThat(tree.size()).isEqualTo(1);
        assertThat(tree.get(0).get("code").asString()).isEqualTo("510300");
        assertThat(tree.get(0).get("children").size()).isEqualTo(6);
        int townships = 0;
        for (JsonNode county : tree.get(0).get("children")) {
            townships += county.get("children").size();
            assertThat(county.get("children").get(0).get("children").size()).isZero();
        }
        assertThat(townships).isEqualTo(90);
    }

    @Test
    void countyBoundariesComeAsGeoJsonPolygons() {
        JsonNode collection = admin.get("/api/regions/geojson?level=COUNTY").json();
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(collection.get("features").size()).isEqualTo(6);
        for (JsonNode feature : collection.get("features")) {
            assertThat(feature.get("geometry").get("type").asString()).isIn("Polygon", "MultiPolygon");
            assertThat(feature.get("properties").get("shape").asString()).isEqualTo("boundary");
        }
        JsonNode townships = admin.get("/api/regions/geojson?level=TOWNSHIP").json();
        assertThat(townships.get("features").size()).isEqualTo(90);
        JsonNode point = townships.get("features").get(0).get("geometry");
        assertThat(point.get("type").asString()).isEqualTo("Point");
        double lon = point.get("coordinates").get(0).asDouble();
        double lat = point.get("coordinates").get(1).asDouble();
        assertThat(lon).isBetween(104.0, 105.5);
        assertThat(lat).isBetween(28.8, 29.7);
    }

    @Test
    void aCountyUserSeesOnlyTheirCountySubtree() {
        Api rongxian = TestUsers.user(port, admin, TestUsers.uniqueName("rx"), "DUTY_OFFICER", "510321");
        List<String> counties = rongxian.get("/api/regions?level=COUNTY").json().valueStream()
                .map(c -> c.get("code").asString()).toList();
        assertThat(counties).containsExactly("510321");
        assertThat(rongxian.get("/api/regions?level=TOWNSHIP").json().size()).isEqualTo(21);
        assertThat(rongxian.get("/api/regions/510322").status()).isEqualTo(404);
        assertThat(rongxian.get("/api/regions/tree").json().get(0).get("code").asString()).isEqualTo("510321");
    }

    @Test
    void rejectsAnUnknownLevelNamingTheParameter() {
        Api.Response response = admin.get("/api/regions?level=PROVINCE");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().has("errors")).as(response.toString()).isTrue();
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("level");
    }
}
