package org.yingji.platform.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded broker against real Paho clients over TCP: the MQTT 3.1.1 behaviour devices and terminals rely on. */
class EmbeddedMqttBrokerTest {

    private static final MqttSettings SETTINGS = new MqttSettings(0, "127.0.0.1", null, null, null, null, false);
    private EmbeddedMqttBroker broker;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = new EmbeddedMqttBroker(SETTINGS, null); // open, as with yingji.mqtt.allow-anonymous

    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
        broker.close();
    }

    private MqttClient client(String id, boolean clean) throws Exception {
        MqttClient c = new MqttClient(broker.brokerUrl(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        c.connect(o);
        clients.add(c);
        return c;
    }

    private MqttAsyncClient asyncClient(String id, boolean clean, boolean reconnect) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.brokerUrl(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setAutomaticReconnect(reconnect);
        c.connect(o).waitForCompletion(5_000);
        clients.add(c);
        return c;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesReachEveryMatchingSubscriberOnce() throws Exception {
        var received = new LinkedBlockingQueue<String>();
        MqttClient a = client("a", true);
        a.setCallback(callback((t, m) -> received.add("a:" + t + ":" + m.getQos()), null));
        a.subscribe(new String[] {"city/+/rain", "city/#"}, new int[] {1, 0});
        MqttClient b = client("b", true);
        b.subscribe("city/zlj/#", 1, (t, m) -> received.add("b:" + t));
        var local = new LinkedBlockingQueue<String>();
        try (Mqtt.Subscription ignored = broker.subscribe("city/+/rain", (t, p) -> local.add(t))) {
            client("pub", true).publish("city/zlj/rain", bytes("1"), 1, false);

            // a's two filters match: one copy, at the higher QoS of the two
            assertThat(List.of(received.poll(5, TimeUnit.SECONDS), received.poll(5, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("a:city/zlj/rain:1", "b:city/zlj/rain");
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(local.poll(5, TimeUnit.SECONDS)).isEqualTo("city/zlj/rain");
        }
    }

    @Test
    void thePubackWaitsUntilTheConsumerHasKeptTheMessageAndLeavesInOrder() throws Exception {
        List<CompletableFuture<Void>> keeping = new CopyOnWriteArrayList<>();
        try (Mqtt.Subscription ignored = broker.consume("telemetry/+", (t, p) -> {
            CompletableFuture<Void> kept = new CompletableFuture<>();
            keeping.add(kept);
            return kept;
        })) {
            MqttAsyncClient device = asyncClient("device", true, false);
            IMqttDeliveryToken first = device.publish("telemetry/S1", bytes("{\"value\":1}"), 1, false);
            IMqttDeliveryToken second = device.publish("telemetry/S1", bytes("{\"value\":2}"), 1, false);
            waitFor(() -> keeping.size() == 2);

            keeping.get(1).complete(null); // the second is kept first: its PUBACK still waits for the first's
            Thread.sleep(300);
            assertThat(first.isComplete()).isFalse();
            assertThat(second.isComplete()).isFalse();

            keeping.get(0).complete(null);
            first.waitForCompletion(5_000);
            second.waitForCompletion(5_000);
        }
    }

    @Test
    void aMessageNotKeptGetsNoPubackAndComesAgainAfterTheReconnect() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (Mqtt.Subscription ignored = broker.consume("telemetry/+", (t, p) ->
                attempts.incrementAndGet() == 1
                        ? CompletableFuture.failedFuture(new IllegalStateException("database away"))
                        : CompletableFuture.completedFuture(null))) {
            // a persistent session: Paho keeps the unacknowledged message and re-sends it on reconnect
            MqttAsyncClient device = new MqttAsyncClient(broker.brokerUrl(), "device-" + UUID.randomUUID(),
                    new MemoryPersistence());
            clients.add(device);
            var acknowledged = new LinkedBlockingQueue<Integer>();
            device.setCallback(callback(null, token -> acknowledged.add(token.getMessageId())));
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setAutomaticReconnect(true);
            device.connect(options).waitForCompletion(5_000);
            device.publish("telemetry/S1", bytes("{\"value\":1}"), 1, false);
            assertThat(acknowledged.poll(15, TimeUnit.SECONDS)).as("PUBACK after the re-send").isNotNull();
            assertThat(attempts.get()).isEqualTo(2);
        }
    }

    @Test
    void aPersistentSessionGetsWhatWasPublishedWhileItWasAway() throws Exception {
        var received = new LinkedBlockingQueue<String>();
        MqttClient terminal = new MqttClient(broker.brokerUrl(), "T-0001", new MemoryPersistence());
        clients.add(terminal);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        terminal.setCallback(callback((t, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8)),
                null));
        terminal.connect(options);
        terminal.subscribe("broadcast/T-0001", 1);
        terminal.disconnect();

        broker.publish("broadcast/T-0001", bytes("暴雨红色预警"));
        terminal.connect(options);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("暴雨红色预警");
    }

    @Test
    void retainedMessagesAndLastWills() throws Exception {
        client("station", true).publish("status/S1", bytes("online"), 1, true);
        var received = new LinkedBlockingQueue<String>();
        client("console", true).subscribe("status/#", 1, (t, m) -> received.add(t + "=" + new String(m.getPayload(),
                StandardCharsets.UTF_8) + (m.isRetained() ? " (retained)" : "")));
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("status/S1=online (retained)");

        MqttAsyncClient dying = new MqttAsyncClient(broker.brokerUrl(), "S2", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setWill("status/S2", bytes("offline"), 1, false);
        dying.connect(options).waitForCompletion(5_000);
        dying.disconnectForcibly(0, 0, false); // the connection drops without DISCONNECT
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("status/S2=offline");
        dying.close();
    }

    @Test
    void aNewConnectionWithTheSameClientIdTakesOver() throws Exception {
        MqttAsyncClient first = asyncClient("same-id", true, false);
        MqttAsyncClient second = asyncClient("same-id", true, false);
        waitFor(() -> !first.isConnected());
        assertThat(second.isConnected()).isTrue();
    }

    @Test
    void devicesNeedATokenAndMayPublishOnlyWhereThePlatformListens() throws Exception {
        try (EmbeddedMqttBroker secured = new EmbeddedMqttBroker(SETTINGS, "yj_good"::equals)) {
            var kept = new LinkedBlockingQueue<String>();
            secured.consume("telemetry/+", (t, p) -> {
                kept.add(t);
                return CompletableFuture.completedFuture(null);
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("device");
            options.setPassword("yj_bad".toCharArray());
            MqttClient stranger = new MqttClient(secured.brokerUrl(), "stranger", new MemoryPersistence());
            assertThatThrownBy(() -> stranger.connect(options))
                    .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttSecurityException.class)
                    .extracting(e -> ((org.eclipse.paho.client.mqttv3.MqttException) e).getReasonCode())
                    .isEqualTo((int) org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_FAILED_AUTHENTICATION);
            stranger.close();
            MqttClient anonymous = new MqttClient(secured.brokerUrl(), "anonymous", new MemoryPersistence());
            assertThatThrownBy(() -> anonymous.connect(new MqttConnectOptions()))
                    .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttSecurityException.class);
            anonymous.close();

            options.setPassword("yj_good".toCharArray());
            MqttClient device = new MqttClient(secured.brokerUrl(), "device", new MemoryPersistence());
            clients.add(device);
            device.connect(options);
            device.publish("telemetry/S1", bytes("1"), 1, false);
            assertThat(kept.poll(5, TimeUnit.SECONDS)).isEqualTo("telemetry/S1");

            // a fake command to the broadcast terminals: nobody in the platform listens there, the device is cut off
            assertThatThrownBy(() -> device.publish("broadcast/T-0001", bytes("假预警"), 1, false))
                    .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttException.class);
            waitFor(() -> !device.isConnected());
        }
    }

    @Test
    void topicFiltersFollowMqttWildcards() {
        assertThat(TopicTree.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicTree.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(TopicTree.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicTree.matches("a/#", "a")).isTrue();
        assertThat(TopicTree.matches("#", "$SYS/load")).isFalse();
        assertThat(TopicTree.matches("a/b", "a/b/c")).isFalse();
        assertThat(TopicTree.matches("a/b/c", "a/b")).isFalse();
        assertThat(TopicTree.validFilter("a/#/b")).isFalse();
        assertThat(TopicTree.validFilter("a/b+")).isFalse();
        assertThat(TopicTree.validTopic("a/+")).isFalse();

        TopicTree<String> tree = new TopicTree<>();
        tree.add("a/+/c", "x", 1);
        tree.remove("a/+/c", "x");
        assertThat(tree.match("a/b/c")).isEmpty();
    }

    private static org.eclipse.paho.client.mqttv3.MqttCallback callback(
            org.eclipse.paho.client.mqttv3.IMqttMessageListener messages,
            java.util.function.Consumer<IMqttDeliveryToken> delivered) {
        return new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message)
                    throws Exception {
                messages.messageArrived(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                if (delivered != null) {
                    delivered.accept(token);
                }
            }
        };
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(end);
            Thread.sleep(20);
        }
    }
}
