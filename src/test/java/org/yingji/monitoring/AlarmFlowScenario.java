package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.TestUsers;
import org.yingji.platform.mqtt.Mqtt;
import tools.jackson.databind.JsonNode;

/**
 * The must-show flow, shared by the embedded-broker test and the external-Mosquitto test: a device publishes over a
 * real MQTT connection, a red line is crossed, the alarm reaches an SSE client, and acknowledge and clear work
 * through the API and land in the audit log.
 */
abstract class AlarmFlowScenario {

    @LocalServerPort
    int port;

    @Autowired
    Mqtt mqtt;

    @Autowired
    Clock clock;

    @Autowired
    AlarmEventsRecorder events;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Value("${yingji.monitoring.topic-prefix:yingji/telemetry/}")
    String topicPrefix;

    /** Lines of a server-sent event stream, read on a thread of its own. */
    static final class SseClient implements AutoCloseable {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final Thread reader;

        SseClient(int port, String token, String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String event = null;
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            events.add(event + " " + line.substring(5).trim());
                        }
                    }
                } catch (Exception ignored) {
                    // the stream ends when the test closes it
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The data of the next event of that name whose data contains {@code text}. */
        JsonNode next(String name, String text) throws InterruptedException {
            long end = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < end) {
                String line = events.poll(500, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(name + " ") && line.contains(text)) {
                    return Api.JSON.readTree(line.substring(name.length() + 1));
                }
            }
            throw new AssertionError("no " + name + " event with " + text);
        }

        @Override
        public void close() {
            reader.interrupt();
        }
    }

    record Setup(Api admin, String token, long stationId, long sensorId, String sensorCode) {
    }

    Setup station(SensorKind kind, double... lines) {
        Api admin = TestUsers.admin(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api.Response station = admin.post("/api/monitoring/stations", Map.of("code", "T-" + suffix, "name",
                "测试水库" + suffix, "kind", "RESERVOIR", "regionCode", "510302", "lon", 104.77, "lat", 29.35));
        assertThat(station.status()).as(station.toString()).isEqualTo(201);
        long stationId = station.json().get("id").asLong();
        String code = "WL-" + suffix;
        Api.Response sensor = admin.post("/api/monitoring/stations/" + stationId + "/sensors",
                Map.of("code", code, "kind", kind.name(), "name", "坝前水位"));
        assertThat(sensor.status()).as(sensor.toString()).isEqualTo(201);
        long sensorId = sensor.json().get("id").asLong();
        Api.Response rule = admin.post("/api/monitoring/rules", Map.of("sensorId", sensorId, "type", "THRESHOLD",
                "direction", "ABOVE", "blue", lines[0], "yellow", lines[1], "orange", lines[2], "red", lines[3],
                "deadband", 0.2));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        Api.Response token = admin.post("/api/tokens", Map.of("name", "device-" + suffix));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return new Setup(admin, token.json().get("token").asString(), stationId, sensorId, code);
    }

    static byte[] payload(double value, Instant time) {
        return ("{\"value\":" + value + ",\"time\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    void redCrossingOverMqttRaisesAnAlarmThatIsAcknowledgedAndCleared() throws Exception {
        Setup s = station(SensorKind.WATER_LEVEL, 10, 11, 12, 13);
        try (SseClient sse = new SseClient(port, s.token(), "/api/monitoring/stream");
             MqttClient device = new MqttClient(mqtt.brokerUrl(), "dev-" + s.sensorCode(), new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setUserName("device");
            options.setPassword(s.token().toCharArray()); // the embedded broker wants a token; Mosquitto ignores it
            device.connect(options);
            String topic = topicPrefix + s.sensorCode();
            Instant t0 = clock.instant().minusSeconds(120);
            device.publish(topic, payload(9.5, t0), 1, false);
            device.publish(topic, payload(13.4, t0.plusSeconds(60)), 1, false);

            JsonNode raised = sse.next("alarm", s.sensorCode());
            assertThat(raised.get("level").asString()).isEqualTo("RED");
            assertThat(raised.get("state").asString()).isEqualTo("RAISED");
            assertThat(raised.get("message").asString()).contains("红色预警").contains("13.40 m");
            long alarmId = raised.get("id").asLong();
            JsonNode station = sse.next("station", "\"stationId\":" + s.stationId());
            assertThat(station.get("level").asString()).isEqualTo("RED");

            // both readings are stored and the latest value is the red one
            Api.Response readings = s.admin().get("/api/monitoring/sensors/" + s.sensorId() + "/readings");
            assertThat(readings.json().size()).isEqualTo(2);
            JsonNode detailStation = s.admin().get("/api/monitoring/stations/" + s.stationId()).json();
            assertThat(detailStation.get("level").asString()).isEqualTo("RED");
            assertThat(detailStation.get("sensors").get(0).get("value").asDouble()).isEqualTo(13.4);

            Api.Response ack = s.admin().post("/api/monitoring/alarms/" + alarmId + "/acknowledge",
                    Map.of("comment", "已通知水库管理站"));
            assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
            assertThat(ack.json().get("state").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(sse.next("alarm", "ACKNOWLEDGED").get("id").asLong()).isEqualTo(alarmId);
            assertThat(s.admin().post("/api/monitoring/alarms/" + alarmId + "/acknowledge", Map.of()).status())
                    .isEqualTo(409);
            assertThat(s.admin().post("/api/monitoring/alarms/" + alarmId + "/clear", Map.of()).status())
                    .isEqualTo(400);
            Api.Response clear = s.admin().post("/api/monitoring/alarms/" + alarmId + "/clear",
                    Map.of("comment", "现场核实为泄洪调度，已处置"));
            assertThat(clear.status()).as(clear.toString()).isEqualTo(200);
            assertThat(clear.json().get("state").asString()).isEqualTo("CLEARED");
            assertThat(clear.json().get("clearedBy").asString()).isEqualTo("admin");

            JsonNode detail = s.admin().get("/api/monitoring/alarms/" + alarmId).json();
            List<String> steps = detail.get("steps").valueStream().map(n -> n.get("action").asString()).toList();
            assertThat(steps).containsExactly("RAISED", "ACKNOWLEDGED", "CLEARED");
            assertThat(detail.get("steps").get(1).get("actor").asString()).isEqualTo("admin");
            // another module hears of it through the persisted event publication registry
            long end = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < end && events.received().stream()
                    .noneMatch(e -> e instanceof AlarmCleared c && c.alarmId() == alarmId)) {
                Thread.sleep(50);
            }
            assertThat(events.received()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AlarmRaised.class,
                    r -> assertThat(r.alarmId()).isEqualTo(alarmId)));
            assertThat(events.received()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AlarmCleared.class,
                    c -> assertThat(c.alarmId()).isEqualTo(alarmId)));
            // one publication per listening module (the test's listener, command, …), every one completed
            String publications = """
                    select count(*) from event_publication
                    where event_type = 'org.yingji.monitoring.AlarmRaised' and serialized_event like ?""";
            String pattern = "%\"alarmId\":" + alarmId + ",%";
            assertThat(jdbc.sql(publications).param(pattern).query(Long.class).single()).isPositive();
            String incomplete = publications + " and completion_date is null";
            long until = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < until
                    && jdbc.sql(incomplete).param(pattern).query(Long.class).single() > 0) {
                Thread.sleep(50);
            }
            assertThat(jdbc.sql(incomplete).param(pattern).query(Long.class).single()).isZero();
            for (String action : List.of("alarm.raise", "alarm.acknowledge", "alarm.clear")) {
                JsonNode audit = s.admin().get("/api/audit?entityType=mon_alarm&entityId=" + alarmId + "&action="
                        + action).json();
                assertThat(audit.get("total").asLong()).as(action).isEqualTo(1);
            }
            device.disconnect();
        }
    }
}
