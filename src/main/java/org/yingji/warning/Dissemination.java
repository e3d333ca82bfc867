package org.yingji.warning;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.locationtech.jts.geom.MultiPolygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.Regions;

/**
 * Sends a published revision to everyone in its area: targeting over the recipient index, a QUEUED receipt per
 * recipient per channel, then every channel in parallel (paced to its rate, failures retried with exponential
 * backoff), each outcome appended to the receipt trail in large COPY chunks by one writer thread. The time of each
 * phase is kept on the run (warning_dispatch) for the screen and the benchmark.
 *
 * <p>A run survives a stop or a crash: it is on record (PENDING) in the publishing transaction, outcomes are
 * stored at least every second, and at the next start every unfinished run of a warning's current revision is
 * resumed; deliveries that already have an outcome on a channel are not sent again on it. What a crash can repeat is
 * at most the last second of hand-offs whose outcome was not stored yet (at least once, never silently lost).
 */
@Component
class Dissemination implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dissemination.class);
    private static final int CHUNK_CHARS = 8 << 20;
    /** Outcomes are stored at least this often, which bounds what a crash makes a resumed run send twice. */
    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STOP_WAIT_SECONDS = 30;

    private final Warnings warnings;
    private final RecipientIndex index;
    private final Channels channels;
    private final ReceiptLog receipts;
    private final CapDocuments cap;
    private final WarningSettings settings;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final DataSource dataSource;
    private volatile ExecutorService runs;
    private volatile ExecutorService writer;
    private volatile ExecutorService senders;
    private volatile boolean running;
    private final Map<String, Live> active = new ConcurrentHashMap<>();
    /** Set by {@link #stop()}: senders finish the message in hand, store their outcomes and leave the run open. */
    private volatile boolean stopping;

    Dissemination(Warnings warnings, RecipientIndex index, Channels channels, ReceiptLog receipts, CapDocuments cap,
                  WarningSettings settings, Regions regions, JdbcClient jdbc, Clock clock, DataSource dataSource) {
        this.warnings = warnings;
        this.index = index;
        this.channels = channels;
        this.receipts = receipts;
        this.cap = cap;
        this.settings = settings;
        this.regions = regions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /** In the publishing transaction: the run is on record before the publication commits. */
    @EventListener
    void record(WarningPublished published) {
        jdbc.sql("insert into warning_dispatch (warning_id, revision, state, started_at) values (?, ?, 'PENDING', ?) "
                        + "on conflict do nothing")
                .params(published.warningId(), published.revision(), Timestamp.from(clock.instant())).update();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(WarningPublished published) {
        submit(published.warningId(), published.revision(), false);
    }

    private void submit(long warningId, int revision, boolean resuming) {
        if (stopping || !running) {
            return; // on record as PENDING: the next start runs it
        }
        runs.submit(() -> {
            try {
                run(warningId, revision, resuming);
            } catch (RuntimeException e) {
                if (stopping) {
                    log.info("Dissemination of warning {} revision {} stopped; it resumes at the next start",
                            warningId, revision);
                    return;
                }
                log.error("Dissemination of warning {} revision {} failed", warningId, revision, e);
                jdbc.sql("update warning_dispatch set state = 'FAILED', error = ?, finished_at = ? "
                                + "where warning_id = ? and revision = ?")
                        .params(String.valueOf(e.getMessage()), Timestamp.from(clock.instant()), warningId, revision)
                        .update();
            }
        });
    }

    @Override
    public synchronized void start() {
        stopping = false;
        runs = Executors.newSingleThreadExecutor(r -> new Thread(r, "warning-dispatch"));
        writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "warning-receipts"));
        senders = Executors.newCachedThreadPool(r -> new Thread(r, "warning-channel"));
        running = true;
        resumeInterrupted();
    }

    /**
     * Stops sending: each channel stores the outcomes it has, the run stays RUNNING (or PENDING) and is resumed by
     * the next {@link #start()}.
     */
    @Override
    public synchronized void stop() {
        stopping = true;
        senders.shutdownNow(); // wakes senders pacing or backing off
        runs.shutdown();
        awaitTermination(runs);
        writer.shutdown();
        awaitTermination(writer);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Resumes the runs a stop or crash left open, oldest first. A run of a revision that is no longer the
     * warning's current one, or of a warning no longer in force, is not resumed: its people would get a stale
     * message.
     */
    private void resumeInterrupted() {
        List<long[]> open = jdbc.sql("select warning_id, revision from warning_dispatch "
                        + "where state in ('PENDING', 'RUNNING') order by started_at")
                .query((rs, row) -> new long[]{rs.getLong(1), rs.getInt(2)}).list();
        for (long[] run : open) {
            long warningId = run[0];
            int revision = (int) run[1];
            WarningView warning = warnings.find(warningId);
            if (warning != null && warning.revision() == revision && inForce(warning)) {
                log.info("Resuming the dissemination of warning {} revision {}", warningId, revision);
                submit(warningId, revision, true);
            } else {
                jdbc.sql("update warning_dispatch set state = 'ABANDONED', error = ?, finished_at = ? "
                                + "where warning_id = ? and revision = ?")
                        .params("重启后未续发：预警已有新版本或已失效", Timestamp.from(clock.instant()), warningId,
                                revision)
                        .update();
            }
        }
    }

    private boolean inForce(WarningView warning) {
        if (warning.state() == WarningState.CANCELLED) {
            return "Cancel".equals(warning.msgType());
        }
        return warning.state() == WarningState.PUBLISHED && warning.expiresAt().isAfter(clock.instant());
    }

    void run(long warningId, int revision, boolean resuming) {
        if (stopping) {
            return; // queued before a stop: still PENDING, so the next start runs it
        }
        WarningView warning = warnings.find(warningId);
        Timestamp now = Timestamp.from(clock.instant());
        if (resuming) {
            jdbc.sql("""
                            update warning_dispatch set state = 'RUNNING', resumes = resumes + 1, resumed_at = ?,
                              finished_at = null where warning_id = ? and revision = ?""")
                    .params(now, warningId, revision).update();
        } else {
            jdbc.sql("""
                            insert into warning_dispatch (warning_id, revision, state, started_at)
                            values (?, ?, 'RUNNING', ?) on conflict (warning_id, revision)
                            do update set state = 'RUNNING', started_at = excluded.started_at""")
                    .params(warningId, revision, now).update();
        }
        resetHeapPeak();
        long indexStart = System.nanoTime();
        index.latest();
        long indexMs = elapsedMs(indexStart);
        long start = System.nanoTime();
        MultiPolygon area = warning.area() == null ? null : WarningArea.read(warning.area());
        RecipientIndex.Target target = index.target(area, warning.regionCodes());
        long targetingMs = elapsedMs(start);
        int[] positions = target.positions();
        jdbc.sql("update warning_dispatch set targeted = ?, index_ms = ?, targeting_ms = ? "
                        + "where warning_id = ? and revision = ?")
                .params(positions.length, indexMs, targetingMs, warningId, revision).update();
        saveVillages(warningId, revision, target);
        log.info("Warning {} rev {}: {} recipients targeted in {} ms", warningId, revision, positions.length,
                targetingMs);

        WarningChannel.Outgoing message = outgoing(warning);
        List<Channels.Configured> enabled = channels.enabled();
        List<ChannelProgress> progress = new ArrayList<>();
        for (Channels.Configured configured : enabled) {
            int[] targetIndex = targetIndexes(configured.channel(), target);
            List<WarningChannel.Delivery> deliveries = deliveries(configured.channel(), target, targetIndex);
            progress.add(new ChannelProgress(warningId, revision, configured.id(), deliveries,
                    villages(target, targetIndex, deliveries.size()), targetIndex));
        }
        if (resuming) {
            int skipped = loadProgress(warningId, revision, progress);
            jdbc.sql("update warning_dispatch set skipped = ? where warning_id = ? and revision = ?")
                    .params(skipped, warningId, revision).update();
        }
        List<Future<?>> writes = new ArrayList<>();
        List<Future<?>> sends = new ArrayList<>();
        long handoffStart = System.nanoTime();
        // Which targeted recipients some channel accepted (index into target.positions()); channels write only true.
        boolean[] reached = new boolean[positions.length];
        Live live = new Live(target, reached);
        active.put(runKey(warningId, revision), live);
        progress.forEach(receipts::following);
        long handoffMs;
        try {
            for (int c = 0; c < enabled.size(); c++) {
                Channels.Configured configured = enabled.get(c);
                ChannelProgress channelProgress = progress.get(c);
                sends.add(senders.submit(() -> sendAll(configured, message, channelProgress, reached, writes)));
            }
            for (Future<?> send : sends) {
                await(send);
            }
            handoffMs = elapsedMs(handoffStart);
            List<Future<?>> pendingWrites;
            synchronized (writes) {
                pendingWrites = new ArrayList<>(writes);
            }
            for (Future<?> write : pendingWrites) {
                await(write);
            }
        } finally {
            // Late delivery reports from now on find their previous status in the stored receipts.
            progress.forEach(receipts::unfollow);
            active.remove(runKey(warningId, revision));
        }
        if (stopping) {
            log.info("Warning {} rev {}: stopped with outcomes stored; resumes at the next start", warningId,
                    revision);
            return;
        }
        long persistedMs = elapsedMs(handoffStart);
        saveReached(warningId, revision, target, reached);
        jdbc.sql("""
                        update warning_dispatch set state = 'DONE', handoff_ms = ?, persisted_ms = ?, heap_peak_mb = ?,
                          finished_at = ? where warning_id = ? and revision = ?""")
                .params(handoffMs, persistedMs, heapPeakMb(), Timestamp.from(clock.instant()), warningId, revision)
                .update();
        log.info("Warning {} rev {}: handed off in {} ms, receipts persisted after {} ms, heap peak {} MB", warningId,
                revision, handoffMs, persistedMs, heapPeakMb());
    }

    /**
     * Reads the receipts an interrupted run stored: the furthest status of each delivery. Returns how many
     * deliveries already have an outcome (they are not sent again).
     */
    private int loadProgress(long warningId, int revision, List<ChannelProgress> progress) {
        java.util.Map<String, ChannelProgress> byChannel = new java.util.HashMap<>();
        progress.forEach(p -> byChannel.put(p.channel(), p));
        int[] skipped = {0};
        jdbc.sql("""
                        select channel, recipient_id, address,
                               max(case status when 'QUEUED' then 0 when 'FAILED' then 1 when 'SENT' then 2 else 3 end)
                        from warning_receipt where warning_id = ? and revision = ?
                        group by channel, recipient_id, address""")
                .params(warningId, revision)
                .query(rs -> {
                    ChannelProgress p = byChannel.get(rs.getString(1));
                    int k = p == null ? -1 : p.find(rs.getLong(2), rs.getString(3));
                    if (k >= 0) {
                        byte rank = (byte) rs.getInt(4);
                        p.restore(k, rank);
                        if (rank > ChannelProgress.QUEUED) {
                            skipped[0]++;
                        }
                    }
                });
        return skipped[0];
    }

    private void sendAll(Channels.Configured configured, WarningChannel.Outgoing message, ChannelProgress progress,
                         boolean[] reached, List<Future<?>> writes) {
        WarningChannel channel = configured.channel();
        WarningSettings.Channel limits = configured.settings();
        int[] targetIndex = progress.targetIndex();
        List<WarningChannel.Delivery> deliveries = progress.deliveries();
        Rows rows = new Rows(writes);
        Instant queuedAt = clock.instant();
        int[] pending = new int[deliveries.size()];
        int pendingCount = 0;
        for (int k = 0; k < deliveries.size(); k++) {
            byte rank = progress.rank(k);
            if (rank == ChannelProgress.NONE) {
                WarningChannel.Delivery d = deliveries.get(k);
                progress.advance(k, ChannelProgress.QUEUED, rows.changes);
                rows.add(message, channel.id(), d, "QUEUED", null, queuedAt, false);
            }
            if (rank <= ChannelProgress.QUEUED) {
                pending[pendingCount++] = k;
            } else if (rank >= ChannelProgress.SENT && targetIndex != null) {
                reached[targetIndex[k]] = true; // sent before the run was interrupted
            }
        }
        rows.flush();
        pending = java.util.Arrays.copyOf(pending, pendingCount);
        long paceNanos = limits.ratePerSecond() > 0 ? 1_000_000_000L / limits.ratePerSecond() : 0;
        long next = System.nanoTime();
        for (int attempt = 1; attempt <= limits.maxAttempts() && pending.length > 0 && !stopping; attempt++) {
            if (attempt > 1) {
                sleep(limits.backoff().toMillis() << (attempt - 2));
            }
            boolean last = attempt == limits.maxAttempts();
            int[] retry = new int[pending.length];
            int retries = 0;
            for (int k : pending) {
                if (stopping) {
                    break;
                }
                WarningChannel.Delivery d = deliveries.get(k);
                if (paceNanos > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleep(TimeUnit.NANOSECONDS.toMillis(wait), (int) (wait % 1_000_000));
                    }
                    next = Math.max(next, System.nanoTime() - paceNanos) + paceNanos;
                    if (stopping) {
                        break;
                    }
                }
                String status;
                String reason = null;
                try {
                    status = channel.send(message, d) ? "DELIVERED" : "SENT";
                } catch (Exception e) {
                    if (stopping) {
                        break; // interrupted by the stop: no outcome, so the resumed run sends it
                    }
                    if (!last) {
                        retry[retries++] = k;
                        continue;
                    }
                    status = "FAILED";
                    reason = "重试 " + limits.maxAttempts() + " 次后失败：" + e.getMessage();
                }
                if (!"FAILED".equals(status) && targetIndex != null) {
                    reached[targetIndex[k]] = true;
                }
                progress.advance(k, ChannelProgress.rank(status), rows.changes);
                rows.add(message, channel.id(), d, status, reason, clock.instant(), true);
            }
            pending = java.util.Arrays.copyOf(retry, retries);
        }
        rows.flush();
    }

    /**
     * Receipt rows of one channel on their way to the writer thread: handed over in large chunks, and at least
     * every second so that a crash loses little.
     */
    private final class Rows {
        private final List<Future<?>> writes;
        private StringBuilder text = new StringBuilder();
        /** The summary changes of the rows in {@link #text}, stored in the same transaction. */
        private ReceiptSummary.Changes changes = new ReceiptSummary.Changes();
        private long flushedAt = System.nanoTime();

        Rows(List<Future<?>> writes) {
            this.writes = writes;
        }

        void add(WarningChannel.Outgoing message, String channel, WarningChannel.Delivery d, String status,
                 String reason, Instant at, boolean timely) {
            ReceiptLog.row(text, message.warningId(), message.revision(), channel, d.recipientId(), status, reason,
                    d.address(), at);
            if (text.length() > CHUNK_CHARS || (timely && System.nanoTime() - flushedAt > FLUSH_EVERY_NANOS)) {
                flush();
            }
        }

        void flush() {
            flushedAt = System.nanoTime();
            if (text.isEmpty()) {
                return;
            }
            String chunk = text.toString();
            ReceiptSummary.Changes chunkChanges = changes;
            text = new StringBuilder();
            changes = new ReceiptSummary.Changes();
            synchronized (writes) {
                writes.add(writer.submit(() -> receipts.write(chunk, chunkChanges)));
            }
        }
    }

    /** Each delivery's village code ('' for a fixed endpoint or a recipient above village level). */
    private static String[] villages(RecipientIndex.Target target, int[] targetIndex, int deliveries) {
        if (targetIndex == null) {
            String[] none = new String[deliveries];
            java.util.Arrays.fill(none, "");
            return none;
        }
        RecipientIndex.Packed packed = target.index();
        String[] villages = new String[targetIndex.length];
        for (int k = 0; k < targetIndex.length; k++) {
            short v = packed.village()[target.positions()[targetIndex[k]]];
            villages[k] = v < 0 ? "" : packed.villages()[v];
        }
        return villages;
    }

    /** A run in progress, for the live coverage figures. */
    private record Live(RecipientIndex.Target target, boolean[] reached) {
    }

    private static String runKey(long warningId, int revision) {
        return warningId + "/" + revision;
    }

    /**
     * People (not terminals) accepted so far by at least one channel, per village, while the run goes in this
     * process; null when it does not (not started, finished, or interrupted).
     */
    Map<String, Long> reachedSoFar(long warningId, int revision) {
        Live live = active.get(runKey(warningId, revision));
        if (live == null) {
            return null;
        }
        RecipientIndex.Packed packed = live.target().index();
        int[] positions = live.target().positions();
        Map<String, Long> perVillage = new HashMap<>();
        for (int j = 0; j < positions.length; j++) {
            short v = packed.village()[positions[j]];
            if (live.reached()[j] && v >= 0 && packed.kinds()[positions[j]] != RecipientKind.TERMINAL.ordinal()) {
                perVillage.merge(packed.villages()[v], 1L, Long::sum);
            }
        }
        return perVillage;
    }

    /** For each delivery of a channel that reaches recipients, its index into target.positions(); null otherwise. */
    private static int[] targetIndexes(WarningChannel channel, RecipientIndex.Target target) {
        if (channel.reaches() == null) {
            return null;
        }
        byte kind = (byte) channel.reaches().ordinal();
        int[] positions = target.positions();
        return java.util.stream.IntStream.range(0, positions.length)
                .filter(j -> target.index().kinds()[positions[j]] == kind).toArray();
    }

    private static List<WarningChannel.Delivery> deliveries(WarningChannel channel, RecipientIndex.Target target,
                                                           int[] targetIndex) {
        if (targetIndex == null) {
            return channel.endpoints().stream().map(url -> new WarningChannel.Delivery(0, url)).toList();
        }
        RecipientIndex.Packed packed = target.index();
        List<WarningChannel.Delivery> result = new ArrayList<>(targetIndex.length);
        for (int j : targetIndex) {
            int position = target.positions()[j];
            result.add(new WarningChannel.Delivery(packed.ids()[position], packed.address(position)));
        }
        return result;
    }

    /** People (not terminals) accepted by at least one channel, per village, for {@link Coverage}. */
    private void saveReached(long warningId, int revision, RecipientIndex.Target target, boolean[] reached) {
        RecipientIndex.Packed packed = target.index();
        int[] perVillage = new int[packed.villages().length];
        int[] positions = target.positions();
        for (int j = 0; j < positions.length; j++) {
            short v = packed.village()[positions[j]];
            if (reached[j] && v >= 0 && packed.kinds()[positions[j]] != RecipientKind.TERMINAL.ordinal()) {
                perVillage[v]++;
            }
        }
        jdbc.sql("update warning_target_village set reached = 0 where warning_id = ? and revision = ?")
                .params(warningId, revision).update();
        for (int v = 0; v < perVillage.length; v++) {
            if (perVillage[v] > 0) {
                jdbc.sql("update warning_target_village set reached = ? where warning_id = ? and revision = ? "
                                + "and village_code = ?")
                        .params(perVillage[v], warningId, revision, packed.villages()[v]).update();
            }
        }
    }

    private WarningChannel.Outgoing outgoing(WarningView w) {
        String prefix = switch (w.msgType()) {
            case "Cancel" -> "【解除】";
            case "Update" -> "【更新】";
            default -> "";
        };
        String text = "【自贡应急】" + prefix + w.level().label() + w.eventType().label() + "预警：" + w.headline() + "。"
                + ("Cancel".equals(w.msgType()) ? "预警已解除。" : w.instruction());
        return new WarningChannel.Outgoing(w.id(), w.revision(), w.msgType(), cap.messageIdentifier(w, w.revision()),
                text, w.headline(), w.level().label(), settings.publicBaseUrl() + w.capUrl(), cap.write(w));
    }

    private void saveVillages(long warningId, int revision, RecipientIndex.Target target) {
        RecipientIndex.Packed packed = target.index();
        int villages = packed.villages().length;
        int[] targeted = new int[villages];
        int[] terminals = new int[villages];
        for (int position : target.positions()) {
            short v = packed.village()[position];
            if (v < 0) {
                continue;
            }
            if (packed.kinds()[position] == RecipientKind.TERMINAL.ordinal()) {
                terminals[v]++;
            } else {
                targeted[v]++;
            }
        }
        StringBuilder rows = new StringBuilder();
        for (int v = 0; v < villages; v++) {
            if (targeted[v] == 0 && terminals[v] == 0 && !target.villageCentreInside()[v]) {
                continue;
            }
            Region village = regions.find(packed.villages()[v]).orElse(null);
            int population = village == null ? 0 : village.population();
            int registered = packed.registeredPersons()[v];
            // People in the area: the village's population scaled by the share of its registered people inside;
            // a village with no registered people counts whole when its point is inside.
            int inArea = registered > 0 ? (int) Math.round((double) population * targeted[v] / registered)
                    : (target.villageCentreInside()[v] ? population : 0);
            rows.append(warningId).append('\t').append(revision).append('\t').append(packed.villages()[v]).append('\t')
                    .append(inArea).append('\t').append(targeted[v]).append('\t').append(terminals[v]).append('\n');
        }
        String data = rows.toString();
        // A resumed run targets again (recipients registered meanwhile are included) and replaces the counts.
        jdbc.sql("delete from warning_target_village where warning_id = ? and revision = ?")
                .params(warningId, revision).update();
        PgCopy.copy(dataSource, "copy warning_target_village (warning_id, revision, "
                + "village_code, population, targeted, terminals) from stdin", out -> out.append(data));
    }

    private static void resetHeapPeak() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the run began (an upper bound of the heap in use at any moment). */
    private static int heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return (int) (bytes >> 20);
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void sleep(long millis) {
        sleep(millis, 0);
    }

    private static void sleep(long millis, int nanos) {
        try {
            Thread.sleep(millis, Math.max(0, Math.min(999_999, nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Dissemination did not stop within {} s; its open runs resume at the next start",
                        STOP_WAIT_SECONDS);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
