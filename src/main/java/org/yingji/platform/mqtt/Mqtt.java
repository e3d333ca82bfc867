package org.yingji.platform.mqtt;

/**
 * Publish and subscribe on the platform's MQTT broker (the embedded broker, or the external broker named by
 * {@code yingji.mqtt.external-url}). On an external broker: one connection per platform instance, reconnecting by
 * itself, with a persistent session so that messages published while the platform is down wait for it.
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
     * <p>On the embedded broker the messages are handed over in-process (no network hop); on an external broker
     * through a subscription of the platform's client.
     */
    Subscription subscribe(String topicFilter, MessageHandler handler);

    /**
     * Like {@link #subscribe}, for messages that must not be lost: a message counts as received only when the
     * stage returned by {@code consumer} completes. Until then the embedded broker withholds the publisher's PUBACK
     * (a device whose PUBACK never comes re-sends after reconnecting); on an external broker the platform's client
     * withholds its own PUBACK, so the broker re-delivers after a crash. A stage that fails closes the publisher's
     * connection (embedded) or leaves the message unacknowledged (external), so it comes again.
     */
    Subscription consume(String topicFilter, MessageConsumer consumer);

    /** {@code tcp://host:port} of the broker that devices should connect to. */
    String brokerUrl();

    /** Receives one message. */
    @FunctionalInterface
    interface MessageHandler {
        void onMessage(String topic, byte[] payload);
    }

    /** Receives one message and says when it is safely kept. */
    @FunctionalInterface
    interface MessageConsumer {
        java.util.concurrent.CompletionStage<?> onMessage(String topic, byte[] payload);
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
}
