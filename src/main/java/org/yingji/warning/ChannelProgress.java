package org.yingji.warning;

import java.util.Arrays;
import java.util.List;

/**
 * The furthest status of each delivery of one channel in one dissemination run (QUEUED &lt; FAILED &lt; SENT &lt;
 * DELIVERED, the order the receipt screens use), so that a resumed run sends only what has no outcome yet.
 */
final class ChannelProgress {

    static final byte NONE = -1;
    static final byte QUEUED = 0;
    static final byte FAILED = 1;
    static final byte SENT = 2;
    static final byte DELIVERED = 3;

    private final long warningId;
    private final int revision;
    private final String channel;
    private final List<WarningChannel.Delivery> deliveries;
    /** Each delivery's village code for the receipt summary ('' when none). */
    private final String[] villages;
    /** For each delivery, its index into the run's targeted recipients; null for fixed endpoints (webhooks). */
    private final int[] targetIndex;
    private final long[] sortedIds;
    private final int[] deliveryOfSorted;
    private final byte[] rank;

    ChannelProgress(long warningId, int revision, String channel, List<WarningChannel.Delivery> deliveries,
                    String[] villages, int[] targetIndex) {
        this.warningId = warningId;
        this.revision = revision;
        this.channel = channel;
        this.deliveries = deliveries;
        this.villages = villages;
        this.targetIndex = targetIndex;
        this.sortedIds = new long[deliveries.size()];
        this.deliveryOfSorted = new int[deliveries.size()];
        sortById(deliveries, sortedIds, deliveryOfSorted);
        this.rank = new byte[deliveries.size()];
        Arrays.fill(rank, NONE);
    }

    /**
     * Deliveries ordered by recipient id for lookups by the id on a receipt. A million are sorted as packed
     * primitives (id in the high bits, delivery index in the low 23), boxing only for ids beyond 2^40.
     */
    private static void sortById(List<WarningChannel.Delivery> deliveries, long[] ids, int[] order) {
        int n = deliveries.size();
        long[] keys = new long[n];
        boolean packable = n < (1 << 23);
        for (int k = 0; k < n && packable; k++) {
            long id = deliveries.get(k).recipientId();
            packable = id >= 0 && id < (1L << 40);
            keys[k] = (id << 23) | k;
        }
        if (packable) {
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) {
                order[i] = (int) (keys[i] & ((1 << 23) - 1));
            }
        } else {
            Integer[] boxed = new Integer[n];
            Arrays.setAll(boxed, k -> k);
            Arrays.sort(boxed, (a, b) -> Long.compare(deliveries.get(a).recipientId(),
                    deliveries.get(b).recipientId()));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
        }
        for (int i = 0; i < n; i++) {
            ids[i] = deliveries.get(order[i]).recipientId();
        }
    }

    static byte rank(String status) {
        return switch (status) {
            case "QUEUED" -> QUEUED;
            case "FAILED" -> FAILED;
            case "SENT" -> SENT;
            default -> DELIVERED;
        };
    }

    long warningId() {
        return warningId;
    }

    int revision() {
        return revision;
    }

    String channel() {
        return channel;
    }

    List<WarningChannel.Delivery> deliveries() {
        return deliveries;
    }

    int[] targetIndex() {
        return targetIndex;
    }

    /** The delivery to a recipient (or, for fixed endpoints with recipient 0, to an address); -1 when none. */
    int find(long recipientId, String address) {
        int i = Arrays.binarySearch(sortedIds, recipientId);
        if (i < 0) {
            return -1;
        }
        while (i > 0 && sortedIds[i - 1] == recipientId) {
            i--;
        }
        for (; i < sortedIds.length && sortedIds[i] == recipientId; i++) {
            int k = deliveryOfSorted[i];
            if (recipientId != 0 || deliveries.get(k).address().equals(address)) {
                return k;
            }
        }
        return -1;
    }

    synchronized byte rank(int delivery) {
        return rank[delivery];
    }

    /** Raises a delivery to a status, as the receipts already stored say (no summary change: it has them). */
    synchronized void restore(int delivery, byte to) {
        rank[delivery] = (byte) Math.max(rank[delivery], to);
    }

    /** Raises a delivery to a status and notes the summary change its receipt row makes (none if not further). */
    synchronized void advance(int delivery, byte to, ReceiptSummary.Changes changes) {
        byte before = rank[delivery];
        if (to > before) {
            rank[delivery] = to;
            changes.move(warningId, revision, channel, villages[delivery], before, to);
        }
    }
}
