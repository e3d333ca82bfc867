package org.yingji.monitoring;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yingji.PlatformTest;

/**
 * The same flow against an external broker (the machine's Mosquitto): only when
 * {@code -Dyingji.test.external-mqtt=tcp://127.0.0.1:1883} is given, as {@code .ci/run} does when the port is open.
 * Topics carry a random prefix, because other platforms may share that broker.
 */
@PlatformTest
@EnabledIfSystemProperty(named = "yingji.test.external-mqtt", matches = "tcp://.+")
class ExternalMosquittoAlarmFlowTest extends AlarmFlowScenario {

    static final String PREFIX = "test-" + UUID.randomUUID() + "/telemetry/";

    @DynamicPropertySource
    static void externalBroker(DynamicPropertyRegistry registry) {
        registry.add("yingji.mqtt.external-url", () -> System.getProperty("yingji.test.external-mqtt"));
        registry.add("yingji.monitoring.topic-prefix", () -> PREFIX);
        // one persistent session for every run of this test, not one left behind on the broker per run
        registry.add("yingji.mqtt.client-id", () -> "yingji-ci-external-test");
    }

    @Test
    void redCrossingOverExternalMqtt() throws Exception {
        redCrossingOverMqttRaisesAnAlarmThatIsAcknowledgedAndCleared();
    }
}
