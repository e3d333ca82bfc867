package org.yingji.warning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through an SMSC over SMPP 3.4 (jsmpp), bound as transceiver so that delivery receipts come back on the same
 * session. Text is UCS-2; a text longer than one SMS goes in the message_payload parameter. Binds lazily and
 * rebinds after a lost connection (the failed message is retried by the dissemination run).
 */
class SmppChannel implements WarningChannel {

    private static final Logger log = LoggerFactory.getLogger(SmppChannel.class);
    private static final int UCS2_SINGLE_SMS_BYTES = 140;
    /**
     * Receipts awaited at most (~100 bytes each): an SMSC that never sends them must not fill the heap; beyond this
     * a message stays SENT.
     */
    private static final int MAX_AWAITED_RECEIPTS = 2_000_000;

    private final String id;
    private final String host;
    private final int port;
    private final String systemId;
    private final String password;
    private final String sourceAddress;
    private final DeliveryReports reports;
    /** SMSC message id → what it was, until its delivery receipt arrives. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Receipts that overtook their submit_sm_resp. */
    private final Map<String, DeliveryReceiptState> early = new ConcurrentHashMap<>();
    private SMPPSession session;

    private record Pending(long warningId, int revision, long recipientId, String address) {
    }

    SmppChannel(String id, WarningSettings.Channel settings, DeliveryReports reports) {
        this.id = id;
        this.host = settings.option("host", "127.0.0.1");
        this.port = Integer.parseInt(settings.option("port", "2775"));
        this.systemId = settings.option("system-id", "yingji");
        this.password = settings.option("password", "");
        this.sourceAddress = settings.option("source-address", "12379");
        this.reports = reports;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RecipientKind reaches() {
        return RecipientKind.PHONE;
    }

    @Override
    public boolean send(Outgoing message, Delivery delivery) throws Exception {
        SMPPSession bound = session();
        byte[] text = message.shortText().getBytes(StandardCharsets.UTF_16BE);
        boolean single = text.length <= UCS2_SINGLE_SMS_BYTES;
        OptionalParameter[] optional = single ? new OptionalParameter[0]
                : new OptionalParameter[]{new OptionalParameter.OctetString(
                OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), text)};
        String messageId = bound.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                sourceAddress, TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, delivery.address(), new ESMClass(),
                (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                DataCodings.newInstance((byte) 0x08), (byte) 0, single ? text : new byte[0], optional).getMessageId();
        Pending entry = new Pending(message.warningId(), message.revision(), delivery.recipientId(), delivery.address());
        DeliveryReceiptState overtaken = early.remove(messageId);
        if (overtaken != null) {
            report(entry, overtaken);
        } else if (pending.size() < MAX_AWAITED_RECEIPTS) {
            pending.put(messageId, entry);
        }
        return false;
    }

    private synchronized SMPPSession session() throws IOException {
        if (session == null || !session.getSessionState().isBound()) {
            if (session != null) {
                session.unbindAndClose();
            }
            SMPPSession fresh = new SMPPSession();
            fresh.setMessageReceiverListener(new Receipts());
            fresh.connectAndBind(host, port, new BindParameter(BindType.BIND_TRX, systemId, password, "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            session = fresh;
        }
        return session;
    }

    private void report(Pending entry, DeliveryReceiptState state) {
        if (state == DeliveryReceiptState.DELIVRD) {
            reports.delivered(entry.warningId(), entry.revision(), id, entry.recipientId(), entry.address());
        } else if (state != DeliveryReceiptState.ENROUTE && state != DeliveryReceiptState.ACCEPTD) {
            reports.failed(entry.warningId(), entry.revision(), id, entry.recipientId(), entry.address(),
                    "短信中心回执：" + state.name());
        }
    }

    @Override
    public synchronized void close() {
        if (session != null && session.getSessionState() != SessionState.CLOSED) {
            session.unbindAndClose();
        }
    }

    private final class Receipts implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) {
            if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                return;
            }
            try {
                DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                Pending entry = pending.remove(receipt.getId());
                if (entry == null) {
                    early.put(receipt.getId(), receipt.getFinalStatus());
                } else {
                    report(entry, receipt.getFinalStatus());
                }
            } catch (Exception e) {
                log.warn("Unreadable SMPP delivery receipt: {}", e.getMessage());
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) {
            return null;
        }
    }
}
