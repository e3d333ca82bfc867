package org.yingji.platform.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On an external broker (the machine's Mosquitto, when {@code -Dyingji.test.external-mqtt} names it, as
 * {@code .ci/run} does): what the platform had not kept when it stopped, and what was published while it was away,
 * reaches it when it comes back, through its persistent session.
 */
@EnabledIfSystemProperty(named = "yingji.test.external-mqtt", matches = "tcp://.+")
class ExternalBrokerSessionTest {

    private final String url = System.getProperty("yingji.test.external-mqtt");
    private final String clientId = "yingji-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topics = "test-" + UUID.randomUUID() + "/telemetry/";

    private PahoMqtt platform() {
        return new PahoMqtt(new MqttSettings(null, null, url, null, null, clientId, false));
    }

    @Test
    void messagesNotKeptOrSentWhileAwayArriveAfterTheRestart() throws Exception {
        var firstLife = new LinkedBlockingQueue<String>();
        try (PahoMqtt platform = platform();
             MqttClient device = new MqttClient(url, "device-" + UUID.randomUUID(), new MemoryPersistence())) {
            platform.consume(topics + "+", (topic, payload) -> {
                firstLife.add(new String(payload, StandardCharsets.UTF_8));
                return new CompletableFuture<>(); // never kept: the platform dies before its commit
            });
            device.connect();
            device.publish(topics + "S1", bytes("before the crash"), 1, false);
            assertThat(firstLife.poll(10, TimeUnit.SECONDS)).isEqualTo("before the crash");
            device.disconnect();
        }
        try (MqttClient device = new MqttClient(url, "device-" + UUID.randomUUID(), new MemoryPersistence())) {
            device.connect();
            device.publish(topics + "S1", bytes("while away"), 1, false);
            device.disconnect();
        }

        var secondLife = new LinkedBlockingQueue<String>();
        try (PahoMqtt platform = platform()) {
            platform.consume(topics + "+", (topic, payload) -> {
                secondLife.add(new String(payload, StandardCharsets.UTF_8));
                return CompletableFuture.completedFuture(null);
            });
            assertThat(secondLife.poll(10, TimeUnit.SECONDS)).isEqualTo("before the crash");
            assertThat(secondLife.poll(10, TimeUnit.SECONDS)).isEqualTo("while away");
        }
        try (PahoMqtt platform = platform()) { // both were kept the second time: nothing comes a third time
            var thirdLife = new LinkedBlockingQueue<String>();
            platform.consume(topics + "+", (topic, payload) -> {
                thirdLife.add(new String(payload, StandardCharsets.UTF_8));
                return CompletableFuture.completedFuture(null);
            });
            assertThat(thirdLife.poll(1, TimeUnit.SECONDS)).isNull();
        }
        try (MqttClient cleanUp = new MqttClient(url, clientId, new MemoryPersistence())) {
            cleanUp.connect(); // a clean session ends the test's persistent one on the shared broker
            cleanUp.disconnect();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
