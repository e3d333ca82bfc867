package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yingji.PlatformTest;
import org.yingji.platform.mqtt.Mqtt;

/** The embedded broker talks to outside MQTT clients, and the shared API publishes and subscribes through it. */
@PlatformTest
class MqttTest {

    @Autowired
    Mqtt mqtt;

    @Test
    void deviceMessagesReachSubscribersAndPlatformMessagesReachDevices() throws Exception {
        String base = "test/" + UUID.randomUUID();
        var received = new LinkedBlockingQueue<String>();
        try (Mqtt.Subscription ignored = mqtt.subscribe(base + "/+/ack",
                (topic, payload) -> received.add(topic + "=" + new String(payload, StandardCharsets.UTF_8)));
             MqttClient device = new MqttClient(mqtt.brokerUrl(), "device-" + UUID.randomUUID(),
                     new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            device.connect(options);
            var commands = new LinkedBlockingQueue<String>();
            device.subscribe(base + "/T1", 1, (topic, message) -> commands.add(new String(message.getPayload(),
                    StandardCharsets.UTF_8)));

            mqtt.publish(base + "/T1", "{\"play\":\"暴雨红色预警\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(commands.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"play\":\"暴雨红色预警\"}");

            device.publish(base + "/T1/ack", "ok".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish(base + "/T1/status", "ignored".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(base + "/T1/ack=ok");
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            device.disconnect();
        }
    }

    @Test
    void topicFiltersFollowMqttWildcards() {
        assertThat(Mqtt.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(Mqtt.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(Mqtt.matches("a/#", "a/b/c")).isTrue();
        assertThat(Mqtt.matches("a/#", "a")).isTrue();
        assertThat(Mqtt.matches("a/b", "a/b/c")).isFalse();
        assertThat(Mqtt.matches("a/b/c", "a/b")).isFalse();
    }
}
