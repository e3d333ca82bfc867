package org.yingji.monitoring;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yingji.platform.region.RegionScope;

/**
 * Live monitoring over server-sent events: {@code alarm} (every alarm step, as an {@link AlarmView}),
 * {@code station} (a station's colour changed) and, for a client watching one station, {@code values} (its sensors'
 * new readings, at most once a second). Sending happens on one thread of its own so a slow browser never holds up
 * the ingest writer.
 */
@Component
class MonitoringStream {

    private record Client(SseEmitter emitter, RegionScope scope, Long stationId) {
    }

    record Value(long sensorId, long stationId, Instant time, double value) {
    }

    private final LiveState live;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "monitoring-sse");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, Value> pendingValues = new ConcurrentHashMap<>();
    private final Map<Long, Level> stationLevels = new ConcurrentHashMap<>();

    MonitoringStream(LiveState live) {
        this.live = live;
    }

    SseEmitter open(RegionScope scope, Long stationId) {
        SseEmitter emitter = new SseEmitter(0L);
        Client client = new Client(emitter, scope, stationId);
        clients.add(client);
        Runnable remove = () -> clients.remove(client);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        sender.execute(() -> send(client, "hello", Map.of("at", Instant.now().toString())));
        return emitter;
    }

    void alarm(AlarmView alarm) {
        Level station = live.stationLevel(alarm.stationId());
        Level before = stationLevels.put(alarm.stationId(), station);
        sender.execute(() -> {
            for (Client client : clients) {
                if (client.scope().contains(alarm.regionCode())) {
                    send(client, "alarm", alarm);
                    if (before != station) {
                        send(client, "station", Map.of("stationId", alarm.stationId(), "level", station.name()));
                    }
                }
            }
        });
    }

    void readings(List<Telemetry.Reading> readings) {
        if (clients.stream().noneMatch(c -> c.stationId() != null)) {
            return;
        }
        for (Telemetry.Reading r : readings) {
            pendingValues.put(r.sensor().id(), new Value(r.sensor().id(), r.sensor().stationId(), r.time(), r.value()));
        }
    }

    @Scheduled(fixedDelay = 1000)
    void flushValues() {
        if (pendingValues.isEmpty()) {
            return;
        }
        Map<Long, List<Value>> byStation = new HashMap<>();
        for (Long sensorId : new ArrayList<>(pendingValues.keySet())) {
            Value value = pendingValues.remove(sensorId);
            if (value != null) {
                byStation.computeIfAbsent(value.stationId(), id -> new ArrayList<>()).add(value);
            }
        }
        sender.execute(() -> {
            for (Client client : clients) {
                List<Value> values = client.stationId() == null ? null : byStation.get(client.stationId());
                if (values != null) {
                    send(client, "values", values);
                }
            }
        });
    }

    /** Ends every stream when shutdown begins, so the web server's graceful shutdown need not wait for them. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeAll() {
        clients.forEach(c -> c.emitter().complete());
        clients.clear();
    }

    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        sender.execute(() -> clients.forEach(c -> send(c, "ping", "")));
    }

    private void send(Client client, String name, Object data) {
        try {
            client.emitter().send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException e) {
            clients.remove(client);
        }
    }
}
