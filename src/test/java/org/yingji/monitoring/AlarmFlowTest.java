package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yingji.Api;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;
import org.yingji.PlatformTest;

/** The alarm flow through the embedded broker (on a random port). */
@PlatformTest
class AlarmFlowTest extends AlarmFlowScenario {

    @Test
    void redCrossingOverMqtt() throws Exception {
        redCrossingOverMqttRaisesAnAlarmThatIsAcknowledgedAndCleared();
    }

    @Test
    void stormScenarioDrivesDemoStationsThroughTheirLines() throws Exception {
        Api admin = TestUsers.admin(port);
        assertThat(admin.post("/api/monitoring/simulator/storm", Map.of()).status()).isEqualTo(202);
        long end = System.currentTimeMillis() + 15_000;
        JsonNode alarms = null;
        while (System.currentTimeMillis() < end) {
            alarms = admin.get("/api/monitoring/alarms?state=OPEN&level=RED&q=" + "双溪水库").json();
            if (alarms.get("total").asLong() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(alarms.get("items").get(0).get("stationName").asString()).isEqualTo("双溪水库");
        JsonNode layer = admin.get("/api/monitoring/layer").json();
        assertThat(layer.get("features").valueStream()
                .filter(f -> f.get("properties").get("name").asString().equals("双溪水库"))
                .map(f -> f.get("properties").get("level").asString())).containsExactly("RED");
        // the rain gauges cross the one-hour accumulation line too (their readings may sit in a later batch)
        long rainAlarms = 0;
        for (long until = System.currentTimeMillis() + 15_000; rainAlarms == 0 && System.currentTimeMillis() < until; ) {
            rainAlarms = admin.get("/api/monitoring/alarms?state=OPEN&q=-RN").json().get("total").asLong();
            Thread.sleep(200);
        }
        assertThat(rainAlarms).isPositive();
    }
}
