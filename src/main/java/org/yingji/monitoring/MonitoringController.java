package org.yingji.monitoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;

@Tag(name = "监测预警 Monitoring")
@RestController
@RequestMapping("/api/monitoring")
@PreAuthorize("hasAuthority('monitoring:read')")
class MonitoringController {

    private final Stations stations;
    private final StationAdministration admin;
    private final LiveState live;
    private final MonitoringStream stream;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final DemoMonitoring demo;
    private final Telemetry telemetry;
    private final StationImport stationImport;
    private final RuleImport ruleImport;

    MonitoringController(Stations stations, StationAdministration admin, LiveState live, MonitoringStream stream,
                         JdbcClient jdbc, Clock clock, DemoMonitoring demo, Telemetry telemetry,
                         StationImport stationImport, RuleImport ruleImport) {
        this.stationImport = stationImport;
        this.ruleImport = ruleImport;
        this.demo = demo;
        this.telemetry = telemetry;
        this.stations = stations;
        this.admin = admin;
        this.live = live;
        this.stream = stream;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record StationRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "只能含字母、数字、_ . -") String code,
                          @NotBlank @Size(max = 100) String name, @NotNull StationKind kind, @NotBlank String regionCode,
                          @NotNull Double lon, @NotNull Double lat, @Size(max = 100) String owner) {

        Stations.StationFields fields() {
            return new Stations.StationFields(code.strip(), name.strip(), kind, regionCode, lon, lat,
                    owner == null || owner.isBlank() ? null : owner.strip(), false, "人工录入");
        }
    }

    record SensorRequest(@NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "只能含字母、数字、_ . -") String code,
                         @NotNull SensorKind kind, @Size(max = 100) String name) {
    }

    record RuleRequest(Long sensorId, SensorKind sensorKind, @NotNull Rule.Type type, Rule.Direction direction,
                       Integer windowMinutes, Double blue, Double yellow, Double orange, Double red, Double deadband,
                       Boolean enabled) {

        Stations.RuleRow row() {
            return new Stations.RuleRow(0, sensorId, sensorId != null || sensorKind == null ? null : sensorKind.name(),
                    type.name(), direction == null ? "ABOVE" : direction.name(), windowMinutes, blue, yellow, orange,
                    red, deadband == null ? 0 : deadband, enabled == null || enabled);
        }
    }

    record Kind(String code, String label, String unit, double min, double max) {
    }

    @Operation(summary = "传感器类型（单位、物理量程）与站点类型")
    @GetMapping("/kinds")
    Map<String, Object> kinds() {
        return Map.of("sensorKinds", Arrays.stream(SensorKind.values())
                        .map(k -> new Kind(k.name(), k.label(), k.unit(), k.min(), k.max())).toList(),
                "stationKinds", Arrays.stream(StationKind.values())
                        .map(k -> Map.of("code", k.name(), "label", k.label)).toList());
    }

    @GetMapping("/stations")
    PageView<Map<String, Object>> stations(@RequestParam(required = false) String q,
                                           @RequestParam(required = false) StationKind kind,
                                           @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        return stations.page(CurrentUser.get().scope(), q, kind, PageRequest.of(page, size)).map(this::withLevel);
    }

    private Map<String, Object> withLevel(Stations.Station s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", s.id());
        map.put("code", s.code());
        map.put("name", s.name());
        map.put("kind", s.kind());
        map.put("kindLabel", s.kind().label);
        map.put("regionCode", s.regionCode());
        map.put("lon", s.lon());
        map.put("lat", s.lat());
        map.put("owner", s.owner());
        map.put("approximate", s.approximate());
        map.put("source", s.source());
        map.put("level", live.stationLevel(s.id()));
        return map;
    }

    record SensorView(long id, String code, String kind, String kindLabel, String unit, String name, Double value,
                      Instant time, Level level, Double slopePerMinute, String forecast, List<Stations.RuleRow> rules) {
    }

    private record Latest(double value, Instant time) {
    }

    @Operation(summary = "站点详情：传感器、最新值、颜色、趋势与预测、规则")
    @GetMapping("/stations/{id}")
    Map<String, Object> station(@PathVariable long id) {
        Stations.Station station = admin.station(CurrentUser.get(), id);
        List<SensorView> sensors = stations.sensorsOf(id).stream().map(s -> {
            Latest latest = jdbc.sql("select value, time from mon_latest where sensor_id = ?").param(s.id())
                    .query(Latest.class).optional().orElse(null);
            RuleEngine.Forecast forecast = live.forecast(s.id());
            return new SensorView(s.id(), s.code(), s.kind().name(), s.kind().label(), s.kind().unit(), s.name(),
                    latest == null ? null : latest.value(), latest == null ? null : latest.time(), live.level(s.id()),
                    forecast == null || Double.isNaN(forecast.slopePerMinute()) ? null : forecast.slopePerMinute(),
                    forecast == null ? null : forecast.text(), stations.rulesFor(s.id(), s.kind().name()));
        }).toList();
        Map<String, Object> result = withLevel(station);
        result.put("sensors", sensors);
        return result;
    }

    @PostMapping("/stations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    Map<String, Object> create(@Valid @RequestBody StationRequest request) {
        return Map.of("id", admin.create(CurrentUser.get(), request.fields()));
    }

    @PutMapping("/stations/{id}")
    @PreAuthorize("hasAuthority('monitoring:manage')")
    Map<String, Object> update(@PathVariable long id, @Valid @RequestBody StationRequest request) {
        admin.update(CurrentUser.get(), id, request.fields());
        return station(id);
    }

    @DeleteMapping("/stations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    void delete(@PathVariable long id) {
        admin.delete(CurrentUser.get(), id);
    }

    @PostMapping("/stations/{id}/sensors")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    Map<String, Object> addSensor(@PathVariable long id, @Valid @RequestBody SensorRequest request) {
        return Map.of("id", admin.addSensor(CurrentUser.get(), id, request.code().strip(), request.kind(),
                request.name()));
    }

    @DeleteMapping("/sensors/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    void deleteSensor(@PathVariable long id) {
        admin.deleteSensor(CurrentUser.get(), id);
    }

    record Point(Instant time, double value) {
    }

    @Operation(summary = "传感器读数序列（趋势图），最多 7 天")
    @GetMapping("/sensors/{id}/readings")
    List<Point> readings(@PathVariable long id, @RequestParam(defaultValue = "6") int hours) {
        admin.sensor(CurrentUser.get(), id);
        Instant from = clock.instant().minus(Duration.ofHours(Math.max(1, Math.min(hours, 168))));
        return jdbc.sql("select time, value from mon_reading where sensor_id = ? and time >= ? order by time limit 5000")
                .params(id, Timestamp.from(from)).query(Point.class).list();
    }

    @GetMapping("/rules")
    List<Stations.RuleRow> rules() {
        return stations.rules();
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    Map<String, Object> addRule(@Valid @RequestBody RuleRequest request) {
        return Map.of("id", admin.addRule(CurrentUser.get(), request.row()));
    }

    @PutMapping("/rules/{id}")
    @PreAuthorize("hasAuthority('monitoring:manage')")
    void updateRule(@PathVariable long id, @Valid @RequestBody RuleRequest request) {
        admin.updateRule(CurrentUser.get(), id, request.row());
    }

    @DeleteMapping("/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    void deleteRule(@PathVariable long id) {
        admin.deleteRule(CurrentUser.get(), id);
    }

    @Operation(summary = "站点图层（GeoJSON），颜色为当前最高预警级别")
    @GetMapping("/layer")
    Map<String, Object> layer() {
        Map<Long, Level> levels = live.stationLevels();
        List<Map<String, Object>> features = jdbc.sql("""
                        select id, code, name, kind, lon, lat from mon_station where region_code like ? order by id""")
                .param(CurrentUser.get().scope().likePattern())
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    StationKind kind = StationKind.valueOf(rs.getString("kind"));
                    Map<String, Object> properties = new LinkedHashMap<>();
                    properties.put("id", id);
                    properties.put("code", rs.getString("code"));
                    properties.put("name", rs.getString("name"));
                    properties.put("kind", kind.name());
                    properties.put("kindLabel", kind.label);
                    properties.put("level", levels.getOrDefault(id, Level.NORMAL).name());
                    return Map.<String, Object>of("type", "Feature", "properties", properties, "geometry",
                            Map.of("type", "Point", "coordinates", List.of(rs.getDouble("lon"), rs.getDouble("lat"))));
                }).list();
        return Map.of("type", "FeatureCollection", "features", features);
    }

    @Operation(summary = "实时流（SSE）：alarm、station；带 stationId 时另推该站 values")
    @GetMapping(value = "/stream", produces = "text/event-stream")
    SseEmitter stream(@RequestParam(required = false) Long stationId) {
        if (stationId != null) {
            admin.station(CurrentUser.get(), stationId);
        }
        return stream.open(CurrentUser.get().scope(), stationId);
    }

    record DeadLetterCount(String reason, String label, long count, Instant last) {
    }

    @Operation(summary = "MQTT 拒收数据按原因统计")
    @GetMapping("/dead-letters/summary")
    List<DeadLetterCount> deadLetterSummary(@RequestParam(defaultValue = "24") int hours) {
        Instant from = clock.instant().minus(Duration.ofHours(Math.max(1, Math.min(hours, 24 * 90))));
        return jdbc.sql("""
                        select reason, count(*) as count, max(received_at) as last from mon_dead_letter
                        where received_at >= ? group by reason order by count desc""")
                .param(Timestamp.from(from))
                .query((rs, n) -> new DeadLetterCount(rs.getString(1),
                        Telemetry.Reason.valueOf(rs.getString(1)).label, rs.getLong(2),
                        rs.getTimestamp(3).toInstant())).list();
    }

    record DeadLetterView(long id, Instant receivedAt, String topic, String payload, String reason, String detail) {
    }

    @GetMapping("/dead-letters")
    PageView<DeadLetterView> deadLetters(@RequestParam(required = false) String reason,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        PageRequest p = PageRequest.of(page, size);
        String where = reason == null || reason.isBlank() ? "" : " where reason = :reason";
        long total = jdbc.sql("select count(*) from mon_dead_letter" + where).paramSource(Map.of("reason",
                String.valueOf(reason))).query(Long.class).single();
        List<DeadLetterView> items = jdbc.sql("select * from mon_dead_letter" + where
                        + " order by id desc limit :limit offset :offset")
                .paramSource(Map.of("reason", String.valueOf(reason), "limit", p.size(), "offset", p.offset()))
                .query(DeadLetterView.class).list();
        return new PageView<>(items, total, p.page(), p.size());
    }

    @Operation(summary = "演示：触发暴雨情景（模拟器经 MQTT 发布读数，多个传感器越过预警线）")
    @PostMapping("/simulator/storm")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('monitoring:manage')")
    Map<String, Object> storm() {
        demo.storm();
        return Map.of("until", clock.instant().plus(DemoMonitoring.STORM));
    }

    @Operation(summary = "接入统计（本节点自启动以来）：已写入、重复、拒收、批次、队列长度")
    @GetMapping("/ingest/stats")
    Telemetry.Stats ingestStats() {
        return telemetry.stats();
    }

    @Operation(summary = "报警规则导入模板（每条规则一行，按传感器编码或传感器类型）")
    @GetMapping("/rules/template.xlsx")
    void ruleTemplate(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        xlsxAttachment(response, "报警规则导入模板.xlsx");
        ruleImport.template(response.getOutputStream());
    }

    @Operation(summary = "从 .xlsx 导入报警规则，全部合法才写入：{added, updated}，否则 400 列出每个不合法的单元格")
    @PostMapping("/rules/import")
    @PreAuthorize("hasAuthority('monitoring:manage')")
    RuleImport.Result importRules(@org.springframework.web.bind.annotation.RequestPart("file")
                                  org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
        return ruleImport.importSheet(CurrentUser.get(), nameOf(file), file.getBytes());
    }

    private static String nameOf(org.springframework.web.multipart.MultipartFile upload) {
        return upload.getOriginalFilename() == null ? "upload.xlsx" : upload.getOriginalFilename();
    }

    private static void xlsxAttachment(jakarta.servlet.http.HttpServletResponse response, String fileName) {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Operation(summary = "站点与传感器导入模板（每个传感器一行）")
    @GetMapping("/stations/template.xlsx")
    void template(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        xlsxAttachment(response, "监测站点导入模板.xlsx");
        stationImport.template(response.getOutputStream());
    }

    @Operation(summary = "从 .xlsx 导入站点与传感器，全部合法才导入：{stations, sensors}，否则 400 列出每个不合法的单元格")
    @PostMapping("/stations/import")
    @PreAuthorize("hasAuthority('monitoring:manage')")
    StationImport.Result importStations(@org.springframework.web.bind.annotation.RequestPart("file")
                                        org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
        return stationImport.importSheet(CurrentUser.get(), nameOf(file), file.getBytes());
    }
}
