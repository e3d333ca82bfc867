package org.yingji.platform.mqtt;

/**
 * Publish and subscribe on the platform's MQTT broker (the embedded Moquette, or the external broker named by
 * {@code yingji.mqtt.external-url}). One connection per platform instance, reconnecting by itself.
 *
 * <p>Example (a module that drives broadcast terminals):
 * <pre>{@code
 * mqtt.publish("yingji/broadcast/T-0012", json);                      // QoS 1, returns after the PUBACK
 * var acks = mqtt.subscribe("yingji/broadcast/+/ack", (topic, payload) -> ...);
 * acks.close();                                                       // stop listening
 * }</pre>
 */
public interface Mqtt {

    /**
     * Publishes with QoS 1 (not retained) and waits for the broker's PUBACK.
     *
     * @throws MqttUnavailableException when the broker does not acknowledge within 10 s
     */
    void publish(String topic, byte[] payload);

    /**
     * Calls {@code handler} for every message on a topic matching {@code topicFilter} (MQTT wildcards {@code +} and
     * {@code #}), received with QoS 1. The handler runs on the MQTT delivery thread: keep it short (hand heavy
     * work to a queue) and do not publish synchronously from it. Exceptions thrown by the handler are logged.
     *
     * <p>On the embedded broker the messages are taken in-process from the broker (no in-flight window, no network
     * hop); on an external broker through a subscription of the platform's client, re-established on reconnect.
     */
    Subscription subscribe(String topicFilter, MessageHandler handler);

    /** {@code tcp://host:port} of the broker that devices should connect to. */
    String brokerUrl();

    /** Receives one message. */
    @FunctionalInterface
    interface MessageHandler {
        void onMessage(String topic, byte[] payload);
    }

    /** A live subscription; {@link #close()} ends it. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The broker could not be reached or did not acknowledge in time. */
    class MqttUnavailableException extends RuntimeException {
        public MqttUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether {@code topic} matches the MQTT {@code filter} ({@code +} one level, {@code #} the rest). */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
