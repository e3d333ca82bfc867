package org.yingji.platform.mqtt;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Mqtt} over the Eclipse Paho 1.2.5 client (pure Java, no extra dependencies, MQTT 3.1.1 like Moquette).
 * Owns the embedded broker when there is one, so the client always stops before the broker.
 */
final class PahoMqtt implements Mqtt, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PahoMqtt.class);
    private static final long TIMEOUT_MS = 10_000;

    private record Listener(String filter, MessageHandler handler) {
    }

    private final EmbeddedMqttBroker broker;
    private final String url;
    private final MqttAsyncClient client;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    PahoMqtt(MqttSettings settings) {
        broker = settings.external() ? null : new EmbeddedMqttBroker(settings);
        url = broker == null ? settings.externalUrl() : "tcp://127.0.0.1:" + broker.port();
        if (broker != null) {
            broker.intercept("yingji-platform", (topic, payload) -> dispatch(topic, payload));
        }
        try {
            client = new MqttAsyncClient(url, "yingji-" + UUID.randomUUID().toString().substring(0, 12),
                    new MemoryPersistence());
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    if (reconnect && broker == null) {
                        listeners.forEach(PahoMqtt.this::subscribeRemote);
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    log.warn("MQTT connection to {} lost; reconnecting", url, cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    // Messages go to the per-subscription listeners below.
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setAutomaticReconnect(true);
            options.setCleanSession(true);
            options.setMaxInflight(1000);
            options.setKeepAliveInterval(30);
            if (settings.username() != null && !settings.username().isBlank()) {
                options.setUserName(settings.username());
                options.setPassword(settings.password() == null ? new char[0] : settings.password().toCharArray());
            }
            client.connect(options).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            close();
            throw new MqttUnavailableException("MQTT broker " + url + " not reachable", e);
        }
        log.info("MQTT client connected to {}", url);
    }

    @Override
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            throw new MqttUnavailableException("MQTT publish to " + topic + " failed", e);
        }
    }

    @Override
    public Subscription subscribe(String topicFilter, MessageHandler handler) {
        Listener listener = new Listener(topicFilter, handler);
        listeners.add(listener);
        if (broker == null) {
            subscribeRemote(listener);
        }
        return () -> {
            listeners.remove(listener);
            if (broker == null && listeners.stream().noneMatch(l -> l.filter().equals(topicFilter))) {
                try {
                    client.unsubscribe(topicFilter).waitForCompletion(TIMEOUT_MS);
                } catch (MqttException e) {
                    log.debug("unsubscribe {} failed", topicFilter, e);
                }
            }
        };
    }

    private void subscribeRemote(Listener listener) {
        try {
            client.subscribe(listener.filter(), 1, (topic, message) -> deliver(listener, topic, message.getPayload()))
                    .waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            throw new MqttUnavailableException("MQTT subscribe to " + listener.filter() + " failed", e);
        }
    }

    private void dispatch(String topic, byte[] payload) {
        for (Listener listener : listeners) {
            if (Mqtt.matches(listener.filter(), topic)) {
                deliver(listener, topic, payload);
            }
        }
    }

    private static void deliver(Listener listener, String topic, byte[] payload) {
        try {
            listener.handler().onMessage(topic, payload);
        } catch (RuntimeException e) {
            log.warn("MQTT handler for {} failed on {}", listener.filter(), topic, e);
        }
    }

    @Override
    public String brokerUrl() {
        return url;
    }

    @Override
    public void close() {
        try {
            if (client != null && client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            if (client != null) {
                client.close();
            }
        } catch (MqttException e) {
            log.debug("MQTT client close", e);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
