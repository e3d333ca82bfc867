package org.yingji.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.mqtt.Mqtt;

/**
 * Demo monitoring: at first start the Zigong stations of {@link DemoStations} with city-wide default rules, and a
 * simulator that publishes plausible readings over MQTT (the real ingest path) every
 * {@code yingji.monitoring.simulator.interval}. {@link #storm()} plays the storm scenario: rain, rising reservoirs
 * and rivers, a moving slope, pushing several sensors through their lines for {@code STORM} and then easing off.
 */
@Component
@Order(50)
class DemoMonitoring implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMonitoring.class);
    static final Duration STORM = Duration.ofMinutes(15);
    private static final int RAMP_STEPS = 8;

    private final JdbcClient jdbc;
    private final LiveState live;
    private final Mqtt mqtt;
    private final Clock clock;
    private final boolean seed;
    private final int benchSensors;
    private final boolean simulate;
    private final String prefix;
    private final Random random = new Random();
    private volatile Instant stormUntil = Instant.MIN;

    DemoMonitoring(JdbcClient jdbc, LiveState live, Mqtt mqtt, Clock clock,
                   @Value("${yingji.monitoring.seed:true}") boolean seed,
                   @Value("${yingji.monitoring.simulator.enabled:true}") boolean simulate,
                   @Value("${yingji.monitoring.topic-prefix:yingji/telemetry/}") String prefix,
                   @Value("${yingji.monitoring.bench-sensors:0}") int benchSensors) {
        this.benchSensors = benchSensors;
        this.jdbc = jdbc;
        this.live = live;
        this.mqtt = mqtt;
        this.clock = clock;
        this.seed = seed;
        this.simulate = simulate;
        this.prefix = prefix;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (benchSensors > 0 && jdbc.sql("select count(*) from mon_station where code like 'BENCH-%'")
                .query(Long.class).single() == 0) {
            benchStations();
        }
        if (!seed || jdbc.sql("select count(*) from mon_station where code not like 'BENCH-%'")
                .query(Long.class).single() > 0) {
            live.reload();
            return;
        }
        for (DemoStations.DemoStation s : DemoStations.STATIONS) {
            long stationId = jdbc.sql("""
                            insert into mon_station (code, name, kind, region_code, lon, lat, owner, approximate, source)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(s.code(), s.name(), s.kind().name(), s.regionCode(), s.lon(), s.lat(), s.owner(),
                            s.approximate(), s.source())
                    .query(Long.class).single();
            for (DemoStations.DemoSensor sensor : s.sensors()) {
                long sensorId = jdbc.sql("insert into mon_sensor (station_id, code, kind, name) values (?, ?, ?, ?) returning id")
                        .params(stationId, sensor.code(), sensor.kind().name(), sensor.name()).query(Long.class).single();
                if (sensor.lines() != null) {
                    double[] l = sensor.lines();
                    rule(sensorId, null, "THRESHOLD", sensor.direction().name(), null, l[0], l[1], l[2], l[3],
                            sensor.deadband());
                }
            }
        }
        // City-wide defaults by kind (short-duration heavy rain, rainstorm grades, slope movement, silent gauges).
        rule(null, "RAINFALL", "ACCUMULATION", "ABOVE", 60, 20.0, 30.0, 50.0, 70.0, 0);
        rule(null, "RAINFALL", "ACCUMULATION", "ABOVE", 1440, 50.0, 100.0, 150.0, 250.0, 0);
        rule(null, "GNSS_DISPLACEMENT", "RATE", "ABOVE", 60, null, 5.0, 10.0, 20.0, 1);
        rule(null, "WATER_LEVEL", "OFFLINE", "ABOVE", null, null, 30.0, null, 120.0, 0);
        log.info("Monitoring: {} demo stations of Zigong seeded", DemoStations.STATIONS.size());
        live.reload();
    }

    /**
     * For load tests ({@code --yingji.monitoring.bench-sensors=20000}): water-level sensors BENCH-00000… on stations
     * of 100 sensors each, every sensor with its own four lines (70/80/90/100 m, deadband 1 m).
     */
    private void benchStations() {
        long started = System.nanoTime();
        for (int station = 0; station * 100 < benchSensors; station++) {
            long stationId = jdbc.sql("""
                            insert into mon_station (code, name, kind, region_code, lon, lat, owner, approximate, source)
                            values (?, ?, 'RIVER', '510302', ?, ?, '压测', true, '压测数据') returning id""")
                    .params(String.format("BENCH-S%03d", station), "压测站点 " + station, 104.70 + station % 20 * 0.01,
                            29.30 + station / 20 * 0.01)
                    .query(Long.class).single();
            jdbc.sql("""
                            insert into mon_sensor (station_id, code, kind, name)
                            select ?, 'BENCH-' || lpad(n::text, 5, '0'), 'WATER_LEVEL', '压测水位'
                            from generate_series(?, ?) n""")
                    .params(stationId, station * 100, Math.min(benchSensors, station * 100 + 100) - 1).update();
        }
        jdbc.sql("""
                insert into mon_alarm_rule (sensor_id, type, direction, blue, yellow, orange, red, deadband)
                select id, 'THRESHOLD', 'ABOVE', 70, 80, 90, 100, 1 from mon_sensor where code like 'BENCH-%'""")
                .update();
        log.info("Monitoring: {} bench sensors created in {} ms", benchSensors, (System.nanoTime() - started) / 1_000_000);
    }

    private void rule(Long sensorId, String kind, String type, String direction, Integer window, Double blue,
                      Double yellow, Double orange, Double red, double deadband) {
        jdbc.sql("""
                        insert into mon_alarm_rule (sensor_id, sensor_kind, type, direction, window_minutes, blue, yellow,
                                                    orange, red, deadband)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sensorId, kind, type, direction, window, blue, yellow, orange, red, deadband).update();
    }

    /** One reading per demo sensor, normal weather or storm. */
    @Scheduled(fixedDelayString = "${yingji.monitoring.simulator.interval:30s}", initialDelay = 5_000)
    void tick() {
        if (!simulate) {
            return;
        }
        Instant now = clock.instant();
        double storm = stormFactor(now);
        for (DemoStations.DemoStation s : DemoStations.STATIONS) {
            for (DemoStations.DemoSensor sensor : s.sensors()) {
                double value = sensor.kind() == SensorKind.RAINFALL
                        ? Math.max(0, sensor.noise() * random.nextGaussian()) * (1 - storm) + storm * sensor.stormPeak() / 4
                        : sensor.base() + (sensor.stormPeak() - sensor.base()) * storm + sensor.noise() * random.nextGaussian();
                publish(sensor, value, now);
            }
        }
    }

    /** 1 while the storm holds, easing to 0 over the same time afterwards. */
    private double stormFactor(Instant now) {
        if (now.isBefore(stormUntil)) {
            return 1;
        }
        long after = Duration.between(stormUntil, now).toSeconds();
        return after >= STORM.toSeconds() ? 0 : 1 - after / (double) STORM.toSeconds();
    }

    /** Starts the storm: every sensor ramps to its storm peak in a few seconds' readings, then holds it. */
    void storm() {
        Instant now = clock.instant();
        for (DemoStations.DemoStation s : DemoStations.STATIONS) {
            for (DemoStations.DemoSensor sensor : s.sensors()) {
                for (int i = 1; i <= RAMP_STEPS; i++) {
                    double value = sensor.kind() == SensorKind.RAINFALL ? sensor.stormPeak()
                            : sensor.base() + (sensor.stormPeak() - sensor.base()) * i / RAMP_STEPS;
                    publish(sensor, value, now.minusSeconds(RAMP_STEPS - i));
                }
            }
        }
        stormUntil = now.plus(STORM);
        log.info("Monitoring simulator: storm scenario until {}", stormUntil);
    }

    private void publish(DemoStations.DemoSensor sensor, double value, Instant time) {
        double rounded = Math.round(value * 1000) / 1000.0;
        mqtt.publish(prefix + sensor.code(), ("{\"value\":" + rounded + ",\"time\":\"" + time + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
