package org.yingji.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import org.yingji.monitoring.Stations.SensorInfo;
import tools.jackson.databind.JsonNode;

/** One reading from JSON ({@code {"value": 12.3, "time": "2026-07-01T08:00:00Z"}}, time optional) to a check. */
@Component
class ReadingParser {

    private final LiveState live;
    private final Telemetry telemetry;
    private final Clock clock;

    ReadingParser(LiveState live, Telemetry telemetry, Clock clock) {
        this.live = live;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** Either the reading (not yet queued) or why it is refused. */
    record Parsed(Telemetry.Reading reading, Telemetry.Refusal refusal) {
    }

    Parsed parse(String sensorCode, JsonNode node) {
        if (node == null || !node.isObject()) {
            return refused(Telemetry.Reason.MALFORMED, "须为 JSON 对象 {\"value\":…, \"time\":…}");
        }
        JsonNode time = node.get("time");
        Instant at;
        try {
            at = time == null || time.isNull() ? clock.instant()
                    : time.isNumber() ? Instant.ofEpochMilli(time.asLong()) : Instant.parse(time.asString());
        } catch (DateTimeParseException e) {
            return refused(Telemetry.Reason.MALFORMED, "时间须为 ISO 8601（如 2026-07-01T08:00:00Z）或毫秒时间戳");
        }
        JsonNode value = node.get("value");
        Object number = value != null && value.isNumber() ? (Object) value.asDouble() : value;
        SensorInfo sensor = live.sensor(sensorCode);
        Telemetry.Refusal refusal = telemetry.check(sensor, sensorCode, number, at);
        if (refusal != null) {
            return new Parsed(null, refusal);
        }
        return new Parsed(new Telemetry.Reading(sensor, at, (Double) number, new CompletableFuture<>()), null);
    }

    private static Parsed refused(Telemetry.Reason reason, String message) {
        return new Parsed(null, new Telemetry.Refusal(reason, message));
    }
}
