package org.yingji.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yingji.monitoring.Stations.SensorInfo;

/**
 * The sensors, their rules and their rule-engine state in memory, so that ingest validates and evaluates without a
 * database round trip. Reloaded after every change of stations, sensors or rules; the engine state (recent
 * readings, colours) of a sensor survives reloads and is rebuilt at start from the latest values and open alarms.
 */
@Component
class LiveState {

    private final Stations stations;
    private final JdbcClient jdbc;
    private volatile Map<String, SensorInfo> byCode = Map.of();
    private volatile Map<Long, SensorInfo> byId = Map.of();
    private volatile Map<Long, List<Rule>> rules = Map.of();
    private volatile Map<Long, List<SensorInfo>> byStation = Map.of();
    private final Map<Long, SensorState> states = new ConcurrentHashMap<>();

    LiveState(Stations stations, JdbcClient jdbc) {
        this.stations = stations;
        this.jdbc = jdbc;
    }

    /** A rule's colour change on a sensor. */
    record Change(SensorInfo sensor, RuleEngine.Transition transition, RuleEngine.Forecast forecast) {
    }

    synchronized void reload() {
        Map<String, SensorInfo> codes = new HashMap<>();
        Map<Long, SensorInfo> ids = new HashMap<>();
        for (SensorInfo sensor : stations.allSensors()) {
            codes.put(sensor.code(), sensor);
            ids.put(sensor.id(), sensor);
        }
        Map<Object, List<Rule>> byOwner = new HashMap<>(); // a sensor id, or a kind for kind-wide rules
        for (Stations.RuleRow row : stations.rules()) {
            Rule rule = row.rule();
            byOwner.computeIfAbsent(rule.sensorId() != null ? (Object) rule.sensorId() : rule.kind(),
                    k -> new ArrayList<>()).add(rule);
        }
        Map<Long, List<Rule>> bySensor = new HashMap<>();
        for (SensorInfo sensor : ids.values()) {
            // One rule per type and window: the sensor's own rule wins over its kind's.
            Map<String, Rule> chosen = new java.util.LinkedHashMap<>();
            for (Rule rule : byOwner.getOrDefault(sensor.kind(), List.of())) {
                chosen.putIfAbsent(rule.type() + "/" + rule.window(), rule);
            }
            for (Rule rule : byOwner.getOrDefault(sensor.id(), List.of())) {
                chosen.put(rule.type() + "/" + rule.window(), rule);
            }
            List<Rule> list = List.copyOf(chosen.values());
            bySensor.put(sensor.id(), list);
            SensorState state = states.computeIfAbsent(sensor.id(), id -> new SensorState());
            synchronized (state) {
                list.forEach(r -> state.keepAtLeast(Duration.ofMinutes(r.window())));
            }
        }
        states.keySet().retainAll(ids.keySet());
        Map<Long, List<SensorInfo>> stationSensors = new HashMap<>();
        ids.values().forEach(sensor -> stationSensors.computeIfAbsent(sensor.stationId(), k -> new ArrayList<>()).add(sensor));
        byStation = stationSensors;
        byCode = codes;
        byId = ids;
        rules = bySensor;
    }

    /** At start: the last value of each sensor and the colour of each open alarm. */
    void restore() {
        reload();
        jdbc.sql("select sensor_id, time, value from mon_latest").query((rs, n) -> {
            SensorState state = states.get(rs.getLong(1));
            if (state != null) {
                synchronized (state) {
                    state.add(rs.getTimestamp(2).toInstant(), rs.getDouble(3));
                }
            }
            return null;
        }).list();
        jdbc.sql("select sensor_id, rule_id, level from mon_alarm where state <> 'CLEARED'").query((rs, n) -> {
            SensorState state = states.get(rs.getLong(1));
            if (state != null) {
                synchronized (state) {
                    state.setLevel(rs.getLong(2), Level.valueOf(rs.getString(3)));
                }
            }
            return null;
        }).list();
    }

    SensorInfo sensor(String code) {
        return byCode.get(code);
    }

    SensorInfo sensor(long id) {
        return byId.get(id);
    }

    List<Rule> rulesOf(long sensorId) {
        return rules.getOrDefault(sensorId, List.of());
    }

    /** Feeds accepted readings (already stored) to the rule engine; returns the colour changes. */
    List<Change> evaluate(List<Telemetry.Reading> readings) {
        List<Change> changes = new ArrayList<>();
        for (Telemetry.Reading reading : readings) {
            SensorInfo sensor = reading.sensor();
            SensorState state = states.get(sensor.id());
            if (state == null) {
                continue;
            }
            List<Rule> sensorRules = rulesOf(sensor.id());
            synchronized (state) {
                for (RuleEngine.Transition t : RuleEngine.onReading(state, sensorRules, reading.time(), reading.value())) {
                    changes.add(new Change(sensor, t, RuleEngine.forecast(state, sensorRules)));
                }
            }
        }
        return changes;
    }

    /** OFFLINE rules: sensors silent for too long; {@code since} is when monitoring started. */
    List<Change> evaluateClock(Instant now, Instant since) {
        List<Change> changes = new ArrayList<>();
        for (SensorInfo sensor : byId.values()) {
            List<Rule> sensorRules = rulesOf(sensor.id());
            if (sensorRules.stream().noneMatch(r -> r.type() == Rule.Type.OFFLINE)) {
                continue;
            }
            SensorState state = states.get(sensor.id());
            synchronized (state) {
                for (RuleEngine.Transition t : RuleEngine.onClock(state, sensorRules, now, since)) {
                    changes.add(new Change(sensor, t, null));
                }
            }
        }
        return changes;
    }

    RuleEngine.Forecast forecast(long sensorId) {
        SensorState state = states.get(sensorId);
        if (state == null) {
            return null;
        }
        synchronized (state) {
            return RuleEngine.forecast(state, rulesOf(sensorId));
        }
    }

    Level level(long sensorId) {
        SensorState state = states.get(sensorId);
        if (state == null) {
            return Level.NORMAL;
        }
        synchronized (state) {
            return state.worst();
        }
    }

    /** The worst colour of each station that has a sensor in a colour. */
    Map<Long, Level> stationLevels() {
        Map<Long, Level> levels = new HashMap<>();
        for (SensorInfo sensor : byId.values()) {
            Level level = level(sensor.id());
            if (level != Level.NORMAL) {
                levels.merge(sensor.stationId(), level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return levels;
    }

    Level stationLevel(long stationId) {
        return byStation.getOrDefault(stationId, List.of()).stream().map(s -> level(s.id()))
                .max(Comparator.naturalOrder()).orElse(Level.NORMAL);
    }
}
