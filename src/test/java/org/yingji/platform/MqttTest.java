package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import org.yingji.platform.mqtt.Mqtt;

/**
 * The embedded broker talks to outside MQTT clients signed in with an API token, and the shared API publishes and
 * subscribes through it.
 */
@PlatformTest
class MqttTest {

    @Autowired
    Mqtt mqtt;

    @LocalServerPort
    int port;

    private MqttConnectOptions device(String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setUserName("device");
        options.setPassword(password.toCharArray());
        return options;
    }

    @Test
    void deviceMessagesReachSubscribersAndPlatformMessagesReachDevices() throws Exception {
        String base = "test/" + UUID.randomUUID();
        var received = new LinkedBlockingQueue<String>();
        try (Mqtt.Subscription ignored = mqtt.subscribe(base + "/+/ack",
                (topic, payload) -> received.add(topic + "=" + new String(payload, StandardCharsets.UTF_8)));
             MqttClient device = new MqttClient(mqtt.brokerUrl(), "device-" + UUID.randomUUID(),
                     new MemoryPersistence())) {
            Api admin = TestUsers.admin(port);
            String token = admin.post("/api/tokens", Map.of("name", TestUsers.uniqueName("device"))).json()
                    .get("token").asString();
            device.connect(device(token));
            var commands = new LinkedBlockingQueue<String>();
            device.subscribe(base + "/T1", 1, (topic, message) -> commands.add(new String(message.getPayload(),
                    StandardCharsets.UTF_8)));

            mqtt.publish(base + "/T1", "{\"play\":\"暴雨红色预警\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(commands.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"play\":\"暴雨红色预警\"}");

            device.publish(base + "/T1/ack", "ok".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(base + "/T1/ack=ok");
            // nobody in the platform listens on …/status: a device may not publish there
            assertThatThrownBy(() -> device.publish(base + "/T1/status", "x".getBytes(StandardCharsets.UTF_8), 1,
                    false)).isInstanceOf(MqttException.class);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aDeviceWithoutAValidTokenIsRefused() throws Exception {
        MqttConnectOptions anonymous = new MqttConnectOptions();
        for (MqttConnectOptions options : List.of(device("yj_not-a-token"), anonymous)) {
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1); // no fallback to 3.1 after a refusal
            try (MqttClient stranger = new MqttClient(mqtt.brokerUrl(), "stranger-" + UUID.randomUUID(),
                    new MemoryPersistence())) {
                assertThatThrownBy(() -> stranger.connect(options)).isInstanceOf(MqttSecurityException.class);
            }
        }
    }
}
