package org.yingji.warning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receipt trail: rows appended with COPY, in large chunks during a run and in small ones for the delivery
 * reports that arrive later (flushed twice a second), each chunk with its {@link ReceiptSummary} changes in one
 * transaction. A late report for a run in progress finds the delivery's status in the run's
 * {@link ChannelProgress}; one for a finished run, in the stored receipts.
 */
@Component
class ReceiptLog implements WarningChannel.DeliveryReports {

    static final String COPY = "copy warning_receipt (warning_id, revision, channel, recipient_id, status, reason, "
            + "address, at) from stdin";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ReceiptSummary summary;
    private final TransactionTemplate transaction;
    private final Map<String, ChannelProgress> following = new ConcurrentHashMap<>();
    /** Late reports waiting for the next flush; guarded by itself. */
    private final List<Late> late = new ArrayList<>();

    ReceiptLog(DataSource dataSource, JdbcClient jdbc, ReceiptSummary summary, TransactionTemplate transaction) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.summary = summary;
        this.transaction = transaction;
    }

    /** A late report; {@code progress} null when its run is not going (any more) in this process. */
    private record Late(long warningId, int revision, String channel, long recipientId, String address,
                        String status, String reason, Instant at, ChannelProgress progress) {
    }

    /** One COPY text row. */
    static void row(StringBuilder out, long warningId, int revision, String channel, long recipientId, String status,
                    String reason, String address, Instant at) {
        out.append(warningId).append('\t').append(revision).append('\t').append(channel).append('\t')
                .append(recipientId).append('\t').append(status).append('\t').append(PgCopy.text(reason)).append('\t')
                .append(PgCopy.text(address)).append('\t').append(at).append('\n');
    }

    /** Appends rows and the summary changes they make, together. */
    long write(CharSequence rows, ReceiptSummary.Changes changes) {
        if (rows.isEmpty()) {
            return 0;
        }
        Long written = transaction.execute(status -> {
            long count = PgCopy.copy(dataSource, COPY, out -> out.append(rows));
            summary.apply(changes);
            return count;
        });
        return written == null ? 0 : written;
    }

    /** From now until {@link #unfollow}, late reports on this channel of this run are resolved in memory. */
    void following(ChannelProgress progress) {
        following.put(key(progress.warningId(), progress.revision(), progress.channel()), progress);
    }

    void unfollow(ChannelProgress progress) {
        following.remove(key(progress.warningId(), progress.revision(), progress.channel()));
    }

    private static String key(long warningId, int revision, String channel) {
        return warningId + "/" + revision + "/" + channel;
    }

    @Override
    public void delivered(long warningId, int revision, String channel, long recipientId, String address) {
        report(warningId, revision, channel, recipientId, address, "DELIVERED", null);
    }

    @Override
    public void failed(long warningId, int revision, String channel, long recipientId, String address, String reason) {
        report(warningId, revision, channel, recipientId, address, "FAILED", reason);
    }

    private void report(long warningId, int revision, String channel, long recipientId, String address,
                        String status, String reason) {
        synchronized (late) {
            late.add(new Late(warningId, revision, channel, recipientId, address, status, reason, Instant.now(),
                    following.get(key(warningId, revision, channel))));
        }
    }

    /** Reports that arrived since the last flush are stored before the database goes away. */
    @PreDestroy
    void flushBeforeShutdown() {
        flushLate();
    }

    @Scheduled(fixedDelay = 500)
    synchronized void flushLate() {
        List<Late> reports;
        synchronized (late) {
            if (late.isEmpty()) {
                return;
            }
            reports = new ArrayList<>(late);
            late.clear();
        }
        transaction.executeWithoutResult(status -> {
            StringBuilder rows = new StringBuilder();
            ReceiptSummary.Changes changes = new ReceiptSummary.Changes();
            // Furthest status per delivery after the reports of this flush so far (not yet in the table).
            Map<String, Byte> flushed = new HashMap<>();
            for (Late r : reports) {
                row(rows, r.warningId(), r.revision(), r.channel(), r.recipientId(), r.status(), r.reason(),
                        r.address(), r.at());
                byte to = ChannelProgress.rank(r.status());
                String key = key(r.warningId(), r.revision(), r.channel()) + "/" + r.recipientId() + "/" + r.address();
                int k = r.progress() == null ? -1 : r.progress().find(r.recipientId(), r.address());
                if (k >= 0) {
                    r.progress().advance(k, to, changes);
                } else {
                    byte before = flushed.containsKey(key) ? flushed.get(key) : ChannelProgress.NONE;
                    Stored stored = stored(r);
                    byte from = (byte) Math.max(before, stored.rank());
                    changes.move(r.warningId(), r.revision(), r.channel(), stored.village(), from,
                            (byte) Math.max(to, from));
                }
                flushed.merge(key, to, (a, b) -> (byte) Math.max(a, b));
            }
            PgCopy.copy(dataSource, COPY, out -> out.append(rows));
            summary.apply(changes);
        });
    }

    private record Stored(byte rank, String village) {
    }

    /**
     * For a report whose run is not going here: the delivery's furthest status in the stored receipts (an index
     * lookup; such reports are few) and its village.
     */
    private Stored stored(Late r) {
        Map<String, Object> found = jdbc.sql("""
                        select (select max(case status when 'QUEUED' then 0 when 'FAILED' then 1 when 'SENT' then 2
                                                       else 3 end)
                                from warning_receipt where warning_id = ? and channel = ? and recipient_id = ?
                                  and revision = ? and address is not distinct from ?) as rank,
                               (select region_code from warning_recipient where id = ?) as region""")
                .params(r.warningId(), r.channel(), r.recipientId(), r.revision(), r.address(), r.recipientId())
                .query().singleRow();
        byte rank = found.get("rank") == null ? ChannelProgress.NONE : ((Number) found.get("rank")).byteValue();
        return new Stored(rank, villageOf((String) found.get("region")));
    }

    /** The summary's village: a village code (12 digits, not a township's ...000), else ''. */
    static String villageOf(String regionCode) {
        return regionCode != null && regionCode.matches("\\d{12}") && !regionCode.endsWith("000") ? regionCode : "";
    }
}
