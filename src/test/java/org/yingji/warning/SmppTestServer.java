package org.yingji.warning;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * A small SMSC for tests (jsmpp's server side) on a free port: accepts binds, records every submit_sm and, when
 * delivery receipts were requested, sends one back a moment later, as a carrier's SMSC does.
 */
class SmppTestServer implements AutoCloseable {

    record Received(String destination, String text) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final int port;
    private final SMPPServerSessionListener listener;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile boolean running = true;

    SmppTestServer() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        workers.submit(this::acceptLoop);
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                workers.submit(() -> {
                    try {
                        BindRequest bind = session.waitForBind(5000);
                        bind.accept("test-smsc");
                    } catch (Exception e) {
                        session.close();
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) {
            byte[] payload = submit.getShortMessage();
            if ((payload == null || payload.length == 0) && submit.getOptionalParameters() != null) {
                for (OptionalParameter p : submit.getOptionalParameters()) {
                    if (p.tag == OptionalParameter.Tag.MESSAGE_PAYLOAD.code()) {
                        payload = ((OptionalParameter.OctetString) p).getValue();
                    }
                }
            }
            String text = new String(payload, StandardCharsets.UTF_16BE);
            received.add(new Received(submit.getDestAddress(), text));
            String id = Long.toHexString(ids.incrementAndGet());
            if ((submit.getRegisteredDelivery() & 0x03) != 0) {
                workers.submit(() -> receipt(source, submit, id));
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) {
            return null;
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) {
            return null;
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) {
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) {
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) {
            return null;
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) {
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                               SMPPServerSession source) {
            return null;
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
            return null;
        }
    }

    private void receipt(SMPPServerSession session, SubmitSm submit, String id) {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
            DeliveryReceipt receipt = new DeliveryReceipt(id, 1, 1, new Date(), new Date(),
                    DeliveryReceiptState.DELIVRD, "000", "");
            session.deliverShortMessage("", TypeOfNumber.valueOf(submit.getDestAddrTon()),
                    NumberingPlanIndicator.valueOf(submit.getDestAddrNpi()), submit.getDestAddress(),
                    TypeOfNumber.valueOf(submit.getSourceAddrTon()),
                    NumberingPlanIndicator.valueOf(submit.getSourceAddrNpi()), submit.getSourceAddr(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    receipt.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            // The client went away: the test will see the missing receipt.
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        listener.close();
        workers.shutdownNow();
    }
}
