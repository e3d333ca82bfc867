package org.yingji.warning;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.locationtech.jts.geom.MultiPolygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
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
 */
@Component
class Dissemination implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dissemination.class);
    private static final int CHUNK_CHARS = 8 << 20;

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
    private final ExecutorService runs = Executors.newSingleThreadExecutor(r -> new Thread(r, "warning-dispatch"));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "warning-receipts"));
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> new Thread(r, "warning-channel"));

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

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(WarningPublished published) {
        runs.submit(() -> {
            try {
                run(published.warningId(), published.revision());
            } catch (RuntimeException e) {
                log.error("Dissemination of warning {} revision {} failed", published.warningId(),
                        published.revision(), e);
                jdbc.sql("update warning_dispatch set state = 'FAILED', error = ?, finished_at = ? "
                                + "where warning_id = ? and revision = ?")
                        .params(String.valueOf(e.getMessage()), Timestamp.from(clock.instant()),
                                published.warningId(), published.revision()).update();
            }
        });
    }

    void run(long warningId, int revision) {
        WarningView warning = warnings.find(warningId);
        jdbc.sql("insert into warning_dispatch (warning_id, revision, state, started_at) values (?, ?, 'RUNNING', ?) "
                        + "on conflict do nothing")
                .params(warningId, revision, Timestamp.from(clock.instant())).update();
        resetHeapPeak();
        long indexStart = System.nanoTime();
        index.current();
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
        List<Future<?>> writes = new ArrayList<>();
        List<Future<?>> sends = new ArrayList<>();
        long handoffStart = System.nanoTime();
        // Which targeted recipients some channel accepted (index into target.positions()); channels write only true.
        boolean[] reached = new boolean[positions.length];
        for (Channels.Configured configured : channels.enabled()) {
            sends.add(senders.submit(() -> sendAll(configured, message, target, reached, writes)));
        }
        for (Future<?> send : sends) {
            await(send);
        }
        long handoffMs = elapsedMs(handoffStart);
        List<Future<?>> pendingWrites;
        synchronized (writes) {
            pendingWrites = new ArrayList<>(writes);
        }
        for (Future<?> write : pendingWrites) {
            await(write);
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

    private void sendAll(Channels.Configured configured, WarningChannel.Outgoing message, RecipientIndex.Target target,
                         boolean[] reached, List<Future<?>> writes) {
        WarningChannel channel = configured.channel();
        WarningSettings.Channel limits = configured.settings();
        int[] targetIndex = targetIndexes(channel, target);
        List<WarningChannel.Delivery> deliveries = deliveries(channel, target, targetIndex);
        Instant queuedAt = clock.instant();
        StringBuilder rows = new StringBuilder();
        for (WarningChannel.Delivery d : deliveries) {
            ReceiptLog.row(rows, message.warningId(), message.revision(), channel.id(), d.recipientId(), "QUEUED",
                    null, d.address(), queuedAt);
            if (rows.length() > CHUNK_CHARS) {
                rows = flush(rows, writes);
            }
        }
        rows = flush(rows, writes);
        long paceNanos = limits.ratePerSecond() > 0 ? 1_000_000_000L / limits.ratePerSecond() : 0;
        long next = System.nanoTime();
        int[] pending = java.util.stream.IntStream.range(0, deliveries.size()).toArray();
        for (int attempt = 1; attempt <= limits.maxAttempts() && pending.length > 0; attempt++) {
            if (attempt > 1) {
                sleep(limits.backoff().toMillis() << (attempt - 2));
            }
            boolean last = attempt == limits.maxAttempts();
            int[] retry = new int[pending.length];
            int retries = 0;
            for (int k : pending) {
                WarningChannel.Delivery d = deliveries.get(k);
                if (paceNanos > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleep(TimeUnit.NANOSECONDS.toMillis(wait), (int) (wait % 1_000_000));
                    }
                    next = Math.max(next, System.nanoTime() - paceNanos) + paceNanos;
                }
                String status;
                String reason = null;
                try {
                    status = channel.send(message, d) ? "DELIVERED" : "SENT";
                } catch (Exception e) {
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
                ReceiptLog.row(rows, message.warningId(), message.revision(), channel.id(), d.recipientId(), status,
                        reason, d.address(), clock.instant());
                if (rows.length() > CHUNK_CHARS) {
                    rows = flush(rows, writes);
                }
            }
            pending = java.util.Arrays.copyOf(retry, retries);
        }
        flush(rows, writes);
    }

    private StringBuilder flush(StringBuilder rows, List<Future<?>> writes) {
        if (!rows.isEmpty()) {
            String chunk = rows.toString();
            synchronized (writes) {
                writes.add(writer.submit(() -> receipts.write(chunk)));
            }
        }
        return new StringBuilder();
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

    @Override
    public void destroy() {
        runs.shutdownNow();
        senders.shutdownNow();
        writer.shutdown();
    }
}
