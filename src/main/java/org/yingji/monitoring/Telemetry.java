package org.yingji.monitoring;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.yingji.monitoring.Stations.SensorInfo;

/**
 * The ingest pipeline behind MQTT and HTTP: validation, then an in-memory queue drained by one writer thread in
 * batches. Each batch is one transaction: COPY into a temporary table, insert into the day-partitioned
 * {@code mon_reading} skipping (sensor, time) pairs already stored, upsert {@code mon_latest}, store dead letters.
 * Only after the commit are HTTP callers answered, MQTT publishers acknowledged and the readings given to the rule
 * engine.
 */
@Service
class Telemetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
    static final int MAX_BATCH = 10_000;
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /** Why a reading was refused. */
    enum Reason {
        MALFORMED("格式错误"), UNKNOWN_SENSOR("未知传感器"), NOT_NUMERIC("数值非数字"), OUT_OF_RANGE("超出物理量程"),
        FUTURE_TIME("时间超前 5 分钟以上"), OUTSIDE_SCOPE("超出管辖范围");

        final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    /** A valid reading; {@code stored} completes once its batch is committed (then HTTP answers, MQTT acks). */
    record Reading(SensorInfo sensor, Instant time, double value, CompletableFuture<Void> stored) {
    }

    /** A refused MQTT message; {@code stored} completes once it is committed to the dead-letter table. */
    record DeadLetter(Instant at, String topic, String payload, Reason reason, String detail,
                      CompletableFuture<Void> stored) {
    }

    /** A refused reading: why, and a Chinese sentence for people. */
    record Refusal(Reason reason, String message) {
    }

    private final DataSource dataSource;
    private final LiveState live;
    private final Alarms alarms;
    private final MonitoringStream stream;
    private final Clock clock;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(200_000);
    private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong duplicates = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running;
    private Thread writer;
    private Instant startedAt;

    Telemetry(DataSource dataSource, LiveState live, Alarms alarms, MonitoringStream stream, Clock clock) {
        this.dataSource = dataSource;
        this.live = live;
        this.alarms = alarms;
        this.stream = stream;
        this.clock = clock;
    }

    /** Checks one reading; null when it may be stored. */
    Refusal check(SensorInfo sensor, String code, Object value, Instant time) {
        if (sensor == null) {
            return new Refusal(Reason.UNKNOWN_SENSOR, "传感器编码 " + code + " 未登记");
        }
        if (!(value instanceof Double v) || v.isNaN() || v.isInfinite()) {
            return new Refusal(Reason.NOT_NUMERIC, "数值须为数字");
        }
        if (!sensor.kind().possible(v)) {
            return new Refusal(Reason.OUT_OF_RANGE, sensor.kind().label() + "须在 " + sensor.kind().min() + "～"
                    + sensor.kind().max() + " " + sensor.kind().unit() + " 之间");
        }
        if (time.isAfter(clock.instant().plus(MAX_FUTURE))) {
            return new Refusal(Reason.FUTURE_TIME, "时间晚于当前时间 5 分钟以上");
        }
        return null;
    }

    /** Queues a valid reading; blocks while the queue is full (back-pressure on the broker or the HTTP caller). */
    void accept(Reading reading) {
        put(reading);
    }

    void reject(DeadLetter deadLetter) {
        put(deadLetter);
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a reading", e);
        }
    }

    /** Since start: readings stored, repeats skipped, readings refused, batches written, queue length now. */
    record Stats(long stored, long duplicates, long refused, long batches, int backlog) {
    }

    Stats stats() {
        return new Stats(stored.get(), duplicates.get(), refused.get(), batches.get(), queue.size());
    }

    @Override
    public void start() {
        createPartitions();
        live.restore();
        startedAt = clock.instant();
        running = true;
        writer = new Thread(this::drain, "monitoring-writer");
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // after the database, before the web server stops taking requests
    }

    private void drain() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                process(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    if (!batch.isEmpty()) {
                        process(batch);
                    }
                    return;
                }
            } catch (RuntimeException e) {
                log.error("monitoring writer: batch of {} failed", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Object> batch) {
        List<Reading> readings = new ArrayList<>(batch.size());
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof Reading r) {
                readings.add(r);
            } else {
                deadLetters.add((DeadLetter) item);
            }
        }
        try {
            write(readings, deadLetters);
        } catch (Exception e) {
            readings.forEach(r -> r.stored().completeExceptionally(e));
            deadLetters.forEach(d -> d.stored().completeExceptionally(e));
            throw new IllegalStateException("batch write failed", e);
        }
        readings.forEach(r -> r.stored().complete(null));
        deadLetters.forEach(d -> d.stored().complete(null));
        List<LiveState.Change> changes = live.evaluate(readings);
        if (!changes.isEmpty()) {
            alarms.apply(changes);
        }
        stream.readings(readings);
    }

    private void write(List<Reading> readings, List<DeadLetter> deadLetters) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!readings.isEmpty()) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("""
                                create temp table if not exists mon_staging (sensor_id bigint, time timestamptz,
                                value double precision) on commit delete rows""");
                    }
                    StringBuilder csv = new StringBuilder(readings.size() * 48);
                    for (Reading r : readings) {
                        csv.append(r.sensor().id()).append('\t').append(r.time()).append('\t').append(r.value())
                                .append('\n');
                    }
                    connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("copy mon_staging from stdin", new StringReader(csv.toString()));
                    try (Statement st = connection.createStatement()) {
                        int inserted = st.executeUpdate("""
                                insert into mon_reading (sensor_id, time, value)
                                select sensor_id, time, value from mon_staging on conflict do nothing""");
                        stored.addAndGet(inserted);
                        duplicates.addAndGet(readings.size() - inserted);
                        st.execute("""
                                insert into mon_latest (sensor_id, time, value)
                                select distinct on (sensor_id) sensor_id, time, value from mon_staging
                                order by sensor_id, time desc
                                on conflict (sensor_id) do update set time = excluded.time, value = excluded.value
                                where excluded.time > mon_latest.time""");
                    }
                }
                if (!deadLetters.isEmpty()) {
                    try (PreparedStatement ps = connection.prepareStatement("""
                            insert into mon_dead_letter (received_at, topic, payload, reason, detail)
                            values (?, ?, ?, ?, ?)""")) {
                        for (DeadLetter d : deadLetters) {
                            ps.setTimestamp(1, Timestamp.from(d.at()));
                            ps.setString(2, d.topic());
                            ps.setString(3, d.payload());
                            ps.setString(4, d.reason().name());
                            ps.setString(5, d.detail());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                connection.commit();
                refused.addAndGet(deadLetters.size());
                batches.incrementAndGet();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** OFFLINE rules: a sensor silent for longer than a line raises an alarm; the next reading clears it. */
    @Scheduled(fixedDelayString = "${yingji.monitoring.offline-check:60s}")
    void checkOffline() {
        if (startedAt == null) {
            return;
        }
        List<LiveState.Change> changes = live.evaluateClock(clock.instant(), startedAt);
        if (!changes.isEmpty()) {
            alarms.apply(changes);
        }
    }

    /** Daily partitions from yesterday to three days ahead; older or odd times land in the default partition. */
    @Scheduled(cron = "0 17 * * * *")
    void createPartitions() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            st.execute("create table if not exists mon_reading_default partition of mon_reading default");
            for (int d = -1; d <= 3; d++) {
                LocalDate day = today.plusDays(d);
                String name = "mon_reading_" + day.toString().replace("-", "");
                if (exists(connection, name)) {
                    continue;
                }
                try {
                    st.execute("create table " + name + " partition of mon_reading for values from ('" + day
                            + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')");
                } catch (java.sql.SQLException e) {
                    // Rows of that day already sit in the default partition (e.g. after a long outage): leave them.
                    log.warn("partition {} not created: {}", name, e.getMessage());
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("creating reading partitions failed", e);
        }
    }

    private static boolean exists(Connection connection, String table) throws java.sql.SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** For the HTTP path: waits until every reading's batch has committed. */
    static void awaitStored(List<Reading> readings, Consumer<Exception> onFailure) {
        try {
            CompletableFuture.allOf(readings.stream().map(Reading::stored).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            onFailure.accept(e);
        }
    }
}
