package org.yingji.warning;

import java.util.List;

/**
 * One way of reaching people (SMS, broadcast terminals, app push, other platforms' webhooks). The dissemination
 * run calls {@link #send} once per recipient, paces the calls to the configured rate and retries failures with
 * backoff; a channel that learns of delivery later (SMPP delivery receipts, terminal acknowledgements) reports it
 * through the {@link DeliveryReports} it was given.
 */
interface WarningChannel extends AutoCloseable {

    /** The configured id, e.g. {@code sms}: the name on receipts. */
    String id();

    /** Which recipients it reaches; null for a channel with fixed endpoints (webhook), see {@link #endpoints}. */
    RecipientKind reaches();

    /** Fixed endpoints (webhook URLs) when {@link #reaches()} is null. */
    default List<String> endpoints() {
        return List.of();
    }

    /**
     * Hands one message to the channel. Returns normally when the channel accepted it (SENT), or with
     * {@code true} when it is already known to be delivered; throws when it could not (retried, then FAILED with
     * the exception's message as the reason).
     */
    boolean send(Outgoing message, Delivery delivery) throws Exception;

    @Override
    default void close() {
    }

    /** The text and CAP document of one warning revision, shared by every recipient. */
    record Outgoing(long warningId, int revision, String msgType, String identifier, String shortText,
                    String headline, String level, String capUrl, String cap) {
    }

    /** One recipient of one message; {@code recipientId} 0 for a fixed endpoint. */
    record Delivery(long recipientId, String address) {
    }

    /** Where channels report deliveries learned after sending. */
    interface DeliveryReports {
        void delivered(long warningId, int revision, String channel, long recipientId, String address);

        void failed(long warningId, int revision, String channel, long recipientId, String address, String reason);
    }
}
