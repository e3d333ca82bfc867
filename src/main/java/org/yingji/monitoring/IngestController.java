package org.yingji.monitoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;
import tools.jackson.databind.JsonNode;

@Tag(name = "监测预警 Monitoring")
@RestController
@RequestMapping("/api/ingest")
class IngestController {

    private final ReadingParser parser;
    private final Telemetry telemetry;

    IngestController(ReadingParser parser, Telemetry telemetry) {
        this.parser = parser;
        this.telemetry = telemetry;
    }

    record ReadingsRequest(@NotEmpty @Size(max = 10_000) List<JsonNode> readings) {
    }

    @Operation(summary = "批量上报读数（设备令牌）：全部合法才写入；2xx 表示已持久化",
            description = "每条 {\"sensor\":\"编码\",\"value\":12.3,\"time\":\"2026-07-01T08:00:00Z\"}；重复的 (传感器, 时间) 忽略")
    @PostMapping("/readings")
    @PreAuthorize("hasAuthority('monitoring:ingest')")
    Map<String, Object> ingest(@Valid @RequestBody ReadingsRequest request) {
        CurrentUser user = CurrentUser.get();
        List<Telemetry.Reading> readings = new ArrayList<>(request.readings().size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.readings().size(); i++) {
            JsonNode node = request.readings().get(i);
            JsonNode sensor = node == null ? null : node.get("sensor");
            String code = sensor == null || !sensor.isString() ? null : sensor.asString();
            String field = "readings[" + i + "]";
            if (code == null) {
                problems.add(new FieldProblem(field + ".sensor", Telemetry.Reason.MALFORMED.name(), "缺少传感器编码"));
                continue;
            }
            ReadingParser.Parsed parsed = parser.parse(code, node);
            Telemetry.Refusal refusal = parsed.refusal();
            if (refusal == null && !user.scope().contains(parsed.reading().sensor().regionCode())) {
                refusal = new Telemetry.Refusal(Telemetry.Reason.OUTSIDE_SCOPE, "传感器 " + code + " 不在令牌所属用户的管辖范围内");
            }
            if (refusal != null) {
                String part = switch (refusal.reason()) {
                    case NOT_NUMERIC, OUT_OF_RANGE -> ".value";
                    case FUTURE_TIME -> ".time";
                    default -> ".sensor";
                };
                problems.add(new FieldProblem(field + part, refusal.reason().name(), refusal.message()));
            } else {
                readings.add(parsed.reading());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "ingest.invalid-readings", "读数不合法",
                    problems.size() + " 条读数不合法，本批未写入", problems);
        }
        readings.forEach(telemetry::accept);
        Telemetry.awaitStored(readings, e -> {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "ingest.not-stored", "写入失败",
                    "读数未能写入数据库，请重发", List.of());
        });
        return Map.of("accepted", readings.size());
    }
}
