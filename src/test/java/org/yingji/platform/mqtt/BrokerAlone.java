package org.yingji.platform.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/** The embedded broker without the platform, for the benchmark's reference run (bench.MqttBench broker). */
public final class BrokerAlone {

    private BrokerAlone() {
    }

    /** Starts the broker on {@code port}; every message on {@code topicFilter} is counted and kept at once. */
    public static AutoCloseable start(int port, String topicFilter, LongAdder counted) {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(
                new MqttSettings(port, "127.0.0.1", null, null, null, null, true), null);
        broker.consume(topicFilter, (topic, payload) -> {
            counted.increment();
            return CompletableFuture.completedFuture(null);
        });
        return broker;
    }
}
