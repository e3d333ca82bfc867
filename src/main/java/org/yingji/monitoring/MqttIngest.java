package org.yingji.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.yingji.platform.mqtt.Mqtt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telemetry over MQTT: one topic per sensor, {@code yingji/telemetry/<sensorCode>}, payload
 * {@code {"value": 12.3, "time": "…"}}, QoS 1. Valid readings join the ingest queue; refused ones go to the
 * dead-letter table with their reason. Either way the device gets its PUBACK only once the row is committed
 * ({@link Mqtt#consume}), so a reading acknowledged before a crash is in the database after it.
 */
@Component
class MqttIngest implements SmartLifecycle {

    private final Mqtt mqtt;
    private final ReadingParser parser;
    private final Telemetry telemetry;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String prefix;
    private Mqtt.Subscription subscription;

    MqttIngest(Mqtt mqtt, ReadingParser parser, Telemetry telemetry, Clock clock,
               @Value("${yingji.monitoring.topic-prefix:yingji/telemetry/}") String prefix) {
        this.prefix = prefix;
        this.mqtt = mqtt;
        this.parser = parser;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    CompletableFuture<Void> onMessage(String topic, byte[] payload) {
        String code = topic.substring(prefix.length());
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (JacksonException e) {
            return deadLetter(topic, payload, new Telemetry.Refusal(Telemetry.Reason.MALFORMED, "不是合法的 JSON"));
        }
        ReadingParser.Parsed parsed = parser.parse(code, node);
        if (parsed.refusal() != null) {
            return deadLetter(topic, payload, parsed.refusal());
        }
        telemetry.accept(parsed.reading());
        return parsed.reading().stored();
    }

    private CompletableFuture<Void> deadLetter(String topic, byte[] payload, Telemetry.Refusal refusal) {
        String text = new String(payload, 0, Math.min(payload.length, 2000), StandardCharsets.UTF_8);
        var deadLetter = new Telemetry.DeadLetter(clock.instant(), topic, text, refusal.reason(), refusal.message(),
                new CompletableFuture<>());
        telemetry.reject(deadLetter);
        return deadLetter.stored();
    }

    @Override
    public void start() {
        subscription = mqtt.consume(prefix + "+", this::onMessage);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50; // starts after the writer, stops before it
    }
}
