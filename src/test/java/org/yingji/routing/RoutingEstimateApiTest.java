package org.yingji.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** Without an OSM file every answer is a straight-line estimate, and says so. */
@PlatformTest
class RoutingEstimateApiTest {

    @LocalServerPort
    int port;
    Api admin;

    @BeforeEach
    void signIn() {
        admin = TestUsers.admin(port);
    }

    @Test
    void everyAnswerIsLabelledAnEstimate() {
        JsonNode status = admin.get("/api/routing/status").json();
        assertThat(status.get("state").asString()).isEqualTo("NOT_CONFIGURED");
        assertThat(status.get("basis").asString()).startsWith("估算（未配置路网）");

        JsonNode route = admin.get("/api/routing/route?fromLon=104.70&fromLat=29.30&toLon=104.80&toLat=29.30").json();
        assertThat(route.get("estimate").asBoolean()).isTrue();
        // 9.7 km straight × 1.4 at 30 km/h
        assertThat(route.get("meters").asDouble()).isBetween(13_500.0, 13_700.0);
        assertThat(route.get("seconds").asDouble()).isBetween(1_620.0, 1_644.0);

        JsonNode nearest = admin.get("/api/routing/nearest?kind=FIRE_STATION&lon=104.78&lat=29.34&n=3").json();
        assertThat(nearest.get("estimate").asBoolean()).isTrue();
        double previous = 0;
        for (JsonNode hit : nearest.get("items")) {
            assertThat(hit.get("seconds").asDouble()).isGreaterThanOrEqualTo(previous);
            assertThat(hit.get("seconds").asDouble()).isCloseTo(hit.get("straightMeters").asDouble() * 1.4 / (30 / 3.6),
                    org.assertj.core.api.Assertions.within(0.5));
            previous = hit.get("seconds").asDouble();
        }

        JsonNode coverage = admin.get("/api/routing/coverage").json();
        assertThat(coverage.get("estimate").asBoolean()).isTrue();
        assertThat(coverage.get("minutes").asDouble()).isEqualTo(5.0);
        assertThat(coverage.get("before").get("populationShare").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void outOfRangeInputIsA400EvenForEstimates() {
        assertThat(admin.get("/api/routing/isochrone?lon=104.7&lat=29.3&minutes=0").json().get("errors").get(0)
                .get("field").asString()).isEqualTo("minutes");
        assertThat(admin.get("/api/routing/route?fromLon=204&fromLat=29.3&toLon=104&toLat=29").json().get("errors")
                .get(0).get("field").asString()).isEqualTo("fromLon");
        assertThat(admin.get("/api/routing/coverage?candidates=104.7").json().get("errors").get(0).get("field")
                .asString()).isEqualTo("candidates");
    }
}
