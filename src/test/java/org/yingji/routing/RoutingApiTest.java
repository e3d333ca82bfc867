package org.yingji.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** The routing endpoints over real HTTP, on the synthetic road grid. */
class RoutingApiTest extends RoadGridContext {

    @LocalServerPort
    int port;
    Api admin;

    @BeforeEach
    void signIn() throws InterruptedException {
        admin = TestUsers.admin(port);
        awaitGraph(admin);
    }

    @Test
    void theGraphIsLoadedAndAnswersAreNotEstimates() {
        JsonNode status = admin.get("/api/routing/status").json();
        assertThat(status.get("estimate").asBoolean()).isFalse();
        assertThat(status.get("edges").asInt()).isGreaterThan(30_000);
    }

    @Test
    void routeGivesTimeDistanceAndGeometry() {
        JsonNode route = admin.get("/api/routing/route?fromLon=104.70&fromLat=29.30&toLon=104.78&toLat=29.36").json();
        assertThat(route.get("estimate").asBoolean()).isFalse();
        // grid roads: the distance is at least the Manhattan distance (7.8 + 6.7 km), at 36–54 km/h
        assertThat(route.get("meters").asDouble()).isBetween(14_000.0, 16_500.0);
        assertThat(route.get("seconds").asDouble()).isBetween(14_000 / 15.0, 16_500 / 10.0);
        assertThat(route.get("geometry").get("type").asString()).isEqualTo("LineString");
        assertThat(route.get("geometry").get("coordinates").size()).isGreaterThan(2);

        JsonNode walk = admin.get("/api/routing/route?fromLon=104.70&fromLat=29.30&toLon=104.78&toLat=29.36&mode=FOOT")
                .json();
        assertThat(walk.get("seconds").asDouble()).isGreaterThan(5 * route.get("seconds").asDouble());
        assertThat(admin.get("/api/routing/route?fromLon=104.7&fromLat=29.3&toLon=104.8&toLat=29.3&mode=BOAT")
                .status()).isEqualTo(400);
    }

    @Test
    void aPointOffTheRoadNetworkIsA400WithTheNearestRoadDistance() {
        Api.Response off = admin.get("/api/routing/isochrone?lon=103.5&lat=29.3&minutes=5");
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.json().get("key").asString()).isEqualTo("routing.off-network");
        assertThat(off.json().get("title").asString()).isEqualTo("点不在路网上");
        assertThat(off.json().get("errors").get(0).get("field").asString()).isEqualTo("lon");
        // 0.5° of longitude west of the grid's edge at 104.0: about 48.6 km
        assertThat(off.json().get("detail").asString()).contains("距最近道路约 48");

        Api.Response route = admin.get("/api/routing/route?fromLon=104.7&fromLat=29.3&toLon=106&toLat=29.3");
        assertThat(route.status()).isEqualTo(400);
        assertThat(route.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    @Test
    void minutesOutsideZeroToSixtyAreRefusedNamingTheField() {
        for (String minutes : new String[]{"0", "-3", "61"}) {
            Api.Response answer = admin.get("/api/routing/isochrone?lon=104.7&lat=29.3&minutes=" + minutes);
            assertThat(answer.status()).as(minutes).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("minutes");
        }
        assertThat(admin.get("/api/routing/coverage?minutes=61").status()).isEqualTo(400);
        JsonNode ok = admin.get("/api/routing/isochrone?lon=104.7&lat=29.3&minutes=5").json();
        assertThat(ok.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
        assertThat(ok.get("geometry").get("coordinates").size()).isPositive();
    }

    @Test
    void matrixAnswersEveryPairAndRefusesTooManyCells() {
        JsonNode matrix = admin.get("/api/routing/matrix?origins=104.70,29.30;104.80,29.40"
                + "&destinations=104.70,29.30;104.75,29.35;104.90,29.50").json();
        assertThat(matrix.get("seconds").size()).isEqualTo(2);
        assertThat(matrix.get("seconds").get(0).get(0).asDouble()).isLessThan(5);
        assertThat(matrix.get("seconds").get(0).get(2).asDouble()).isGreaterThan(matrix.get("seconds").get(0)
                .get(1).asDouble());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ";").append(104.5 + i * 0.005).append(",29.3");
        }
        Api.Response tooBig = admin.get("/api/routing/matrix?origins=" + many + "&destinations=" + many);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("key").asString()).isEqualTo("routing.matrix-too-large");
        assertThat(admin.get("/api/routing/matrix?origins=104.7&destinations=104.7,29.3").status()).isEqualTo(400);
        assertThat(admin.get("/api/routing/matrix?origins=103.5,29.3&destinations=104.7,29.3").json().get("errors")
                .get(0).get("field").asString()).isEqualTo("origins");
    }

    @Test
    void nearestByTravelTimeIsOrderedAndFiltered() {
        JsonNode nearest = admin.get("/api/routing/nearest?kind=FIRE_STATION&lon=104.78&lat=29.34&n=3").json();
        assertThat(nearest.get("estimate").asBoolean()).isFalse();
        assertThat(nearest.get("items").size()).isEqualTo(3);
        double previous = 0;
        for (JsonNode hit : nearest.get("items")) {
            assertThat(hit.get("seconds").asDouble()).isGreaterThanOrEqualTo(previous);
            previous = hit.get("seconds").asDouble();
        }
        JsonNode hazchem = admin.get("/api/routing/nearest?kind=RESCUE_TEAM&lon=105.0&lat=29.2&n=5"
                + "&status=AVAILABLE&specialties=HAZCHEM").json();
        assertThat(hazchem.get("items").get(0).get("resource").get("name").asString())
                .isEqualTo("中昊晨光危险化学品应急救援队");
        hazchem.get("items").forEach(hit -> assertThat(hit.get("resource").get("attributes").get("specialties")
                .toString()).contains("HAZCHEM"));
        assertThat(admin.get("/api/routing/nearest?kind=RESCUE_TEAM&lon=105&lat=29.2&colour=red").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/routing/nearest?kind=RESCUE_TEAM&lon=105&lat=29.2&n=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/routing/nearest?kind=SPACESHIP&lon=105&lat=29.2").status()).isEqualTo(400);
    }

    @Test
    void coverageOfTheSeededStationsRisesWithACandidateInAnUncoveredTownship() throws Exception {
        JsonNode before = admin.get("/api/routing/coverage?minutes=5").json();
        assertThat(before.get("estimate").asBoolean()).isFalse();
        assertThat(before.get("stations").size()).isEqualTo(14);
        double share = before.get("before").get("populationShare").asDouble();
        assertThat(share).isBetween(0.0, 0.5);
        assertThat(before.get("before").get("population").asLong()).isGreaterThan(1_000_000);
        assertThat(before.get("counties").size()).isEqualTo(6);
        assertThat(before.get("townships").size()).isGreaterThan(80);
        assertThat(before.get("uncovered").size()).isPositive();
        assertThat(before.get("area").get("coordinates").size()).isPositive();

        JsonNode township = before.get("uncovered").get(0);
        String candidate = township.get("lon").asDouble() + "," + township.get("lat").asDouble();
        JsonNode after = admin.get("/api/routing/coverage?minutes=5&candidates=" + candidate).json();
        assertThat(after.get("after").get("populationShare").asDouble()).isGreaterThan(share);
        assertThat(after.get("candidates").get(0).get("addedPopulation").asLong()).isPositive();
        assertThat(after.get("areaAfter").get("coordinates").size()).isPositive();

        byte[] xlsx = admin.download("/api/routing/coverage/export.xlsx?minutes=5&candidates=" + candidate);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("5分钟覆盖");
            assertThat(book.getSheetAt(0).getRow(0).getCell(6).getStringCellValue()).isEqualTo("人口覆盖率");
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("区县");
        }
    }

    @Test
    void anEnterpriseUserMayNotUseRouting() {
        Api enterprise = TestUsers.user(port, admin, TestUsers.uniqueName("entroute"), "ENTERPRISE_USER", "510300");
        assertThat(enterprise.get("/api/routing/status").status()).isEqualTo(403);
    }
}
