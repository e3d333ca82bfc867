package org.yingji.warning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The receipt trail: rows appended with COPY, in large chunks during a run and in small ones for the delivery
 * reports that arrive later (flushed twice a second).
 */
@Component
class ReceiptLog implements WarningChannel.DeliveryReports {

    static final String COPY = "copy warning_receipt (warning_id, revision, channel, recipient_id, status, reason, "
            + "address, at) from stdin";

    private final DataSource dataSource;
    private final ConcurrentLinkedQueue<String> late = new ConcurrentLinkedQueue<>();

    ReceiptLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One COPY text row. */
    static void row(StringBuilder out, long warningId, int revision, String channel, long recipientId, String status,
                    String reason, String address, Instant at) {
        out.append(warningId).append('\t').append(revision).append('\t').append(channel).append('\t')
                .append(recipientId).append('\t').append(status).append('\t').append(PgCopy.text(reason)).append('\t')
                .append(PgCopy.text(address)).append('\t').append(at).append('\n');
    }

    long write(CharSequence rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return PgCopy.copy(dataSource, COPY, out -> out.append(rows));
    }

    @Override
    public void delivered(long warningId, int revision, String channel, long recipientId, String address) {
        StringBuilder row = new StringBuilder();
        row(row, warningId, revision, channel, recipientId, "DELIVERED", null, address, Instant.now());
        late.add(row.toString());
    }

    @Override
    public void failed(long warningId, int revision, String channel, long recipientId, String address, String reason) {
        StringBuilder row = new StringBuilder();
        row(row, warningId, revision, channel, recipientId, "FAILED", reason, address, Instant.now());
        late.add(row.toString());
    }

    @Scheduled(fixedDelay = 500)
    void flushLate() {
        List<String> rows = new ArrayList<>();
        for (String row; (row = late.poll()) != null; ) {
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            write(String.join("", rows));
        }
    }
}
