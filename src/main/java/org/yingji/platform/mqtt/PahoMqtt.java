package org.yingji.platform.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
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
 * {@link Mqtt} on an external broker (Mosquitto, EMQX) over the Eclipse Paho 1.2.5 client. The session is
 * persistent ({@code cleanSession = false}, client id {@code yingji.mqtt.client-id}) and every PUBACK is sent by hand:
 * at once for {@link #subscribe}, after the consumer's stage for {@link #consume}. A message the platform has not
 * kept stays unacknowledged at the broker, which sends it again when the platform reconnects after a crash.
 */
final class PahoMqtt implements Mqtt, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PahoMqtt.class);
    private static final long TIMEOUT_MS = 10_000;

    private record Listener(String filter, MessageHandler handler, MessageConsumer consumer) {
    }

    private final String url;
    private final MqttAsyncClient client;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Messages of the persistent session that arrive before any module listens for them (right after connecting,
     * what was published while the platform was down). Handed over when a listener comes, acknowledged and dropped
     * after a minute, so that they do not fill the broker's in-flight window for ever.
     */
    private final List<Unclaimed> unclaimed = new ArrayList<>();

    private record Unclaimed(String topic, MqttMessage message, long at) {
    }

    PahoMqtt(MqttSettings settings) {
        url = settings.externalUrl();
        try {
            client = new MqttAsyncClient(url, settings.clientId(), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    if (reconnect) {
                        listeners.forEach(PahoMqtt.this::subscribeRemote);
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    log.warn("MQTT connection to {} lost; reconnecting", url, cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    unclaimed(topic, message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setAutomaticReconnect(true);
            options.setCleanSession(false);
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
        log.info("MQTT client {} connected to {}", settings.clientId(), url);
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
        return listen(new Listener(topicFilter, handler, null));
    }

    @Override
    public Subscription consume(String topicFilter, MessageConsumer consumer) {
        return listen(new Listener(topicFilter, null, consumer));
    }

    private Subscription listen(Listener listener) {
        // Under the lock that arrivals take too: what waited is handed over before anything newer (in order).
        synchronized (unclaimed) {
            listeners.add(listener);
            List<Unclaimed> claimed = new ArrayList<>();
            unclaimed.removeIf(u -> TopicTree.matches(listener.filter(), u.topic()) && claimed.add(u));
            claimed.forEach(u -> deliver(listener, u.topic(), u.message()));
        }
        subscribeRemote(listener);
        return () -> {
            listeners.remove(listener);
            if (listeners.stream().noneMatch(l -> l.filter().equals(listener.filter()))) {
                try {
                    client.unsubscribe(listener.filter()).waitForCompletion(TIMEOUT_MS);
                } catch (MqttException e) {
                    log.debug("unsubscribe {} failed", listener.filter(), e);
                }
            }
        };
    }

    private void subscribeRemote(Listener listener) {
        try {
            client.subscribe(listener.filter(), 1, (topic, message) -> deliver(listener, topic, message))
                    .waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            throw new MqttUnavailableException("MQTT subscribe to " + listener.filter() + " failed", e);
        }
    }

    private void unclaimed(String topic, MqttMessage message) {
        long now = System.currentTimeMillis();
        List<Unclaimed> stale = new ArrayList<>();
        synchronized (unclaimed) {
            for (Listener listener : listeners) {
                if (TopicTree.matches(listener.filter(), topic)) {
                    deliver(listener, topic, message);
                    return;
                }
            }
            unclaimed.removeIf(u -> u.at() < now - 60_000 && stale.add(u));
            unclaimed.add(new Unclaimed(topic, message, now));
        }
        stale.forEach(u -> acknowledge(u.message()));
    }

    private void deliver(Listener listener, String topic, MqttMessage message) {
        CompletionStage<?> kept = null;
        try {
            if (listener.consumer() == null) {
                listener.handler().onMessage(topic, message.getPayload());
            } else {
                kept = listener.consumer().onMessage(topic, message.getPayload());
            }
        } catch (RuntimeException e) {
            log.warn("MQTT handler for {} failed on {}", listener.filter(), topic, e);
        }
        if (kept == null) {
            acknowledge(message);
        } else {
            kept.whenComplete((ok, failure) -> {
                if (failure == null) {
                    acknowledge(message);
                } else {
                    // Left unacknowledged: the broker sends it again on the next connection.
                    log.warn("MQTT message on {} not kept: {}", topic, failure.toString());
                }
            });
        }
    }

    private void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            log.debug("PUBACK for {} not sent", message.getId(), e);
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
        }
    }
}
