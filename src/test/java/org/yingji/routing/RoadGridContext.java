package org.yingji.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yingji.Api;
import org.yingji.PlatformTest;

/**
 * The platform on a SYNTHETIC road grid over Zigong's extent (800 m spacing, 60/40 km/h roads; no real Zigong map
 * exists offline). Test classes that extend this share one application context.
 */
@PlatformTest
public abstract class RoadGridContext {

    @DynamicPropertySource
    static void roadGrid(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "road-grid-");
        Path osm = dir.resolve("synthetic-zigong-grid.osm");
        SyntheticRoadGrid.write(osm, SyntheticRoadGrid.ZIGONG_BBOX, 800);
        registry.add("yingji.routing.osm-file", osm::toString);
        registry.add("yingji.routing.graph-dir", () -> dir.resolve("graph").toString());
    }

    /** The graph is imported in the background at start; wait for it. */
    protected static void awaitGraph(Api api) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            if ("READY".equals(api.get("/api/routing/status").json().get("state").asString())) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(api.get("/api/routing/status").json().get("state").asString()).isEqualTo("READY");
    }
}
