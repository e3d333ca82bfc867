package org.yingji.platform.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection to the embedded broker, on its Netty event loop (so no locking here): CONNECT first,
 * then PUBLISH, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, PUBACK/PUBREL, DISCONNECT. MQTT 3.1 and 3.1.1.
 *
 * <p>A QoS 1 (or 2) PUBLISH is acknowledged only once every consumer of its topic has kept it (see
 * {@link Mqtt#consume}), and acknowledgements leave in the order the messages came, as MQTT 3.1.1 (4.6) requires.
 * A connection with too many unacknowledged messages stops being read until its consumers catch up.
 */
final class BrokerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
    static final int PAUSE_READING_AT = 20_000;
    static final int RESUME_READING_AT = 5_000;

    private record PendingAck(int packetId, boolean exactlyOnce, CompletableFuture<Void> kept) {
    }

    private record Will(String topic, byte[] payload, int qos, boolean retain) {
    }

    private final EmbeddedMqttBroker broker;
    private final ArrayDeque<PendingAck> pendingAcks = new ArrayDeque<>();
    /** QoS 2 packet ids received and not yet released: a re-sent PUBLISH with one of them is not routed again. */
    private final Set<Integer> exactlyOnceReceived = new HashSet<>();
    private ChannelHandlerContext ctx;
    private BrokerSession session;
    private Will will;

    BrokerConnection(EmbeddedMqttBroker broker) {
        this.broker = broker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            MqttMessage message = (MqttMessage) msg;
            if (message.decoderResult().isFailure()) {
                refuse(message.decoderResult().cause());
                return;
            }
            MqttMessageType type = message.fixedHeader().messageType();
            if (session == null && type != MqttMessageType.CONNECT) {
                ctx.close(); // MQTT 3.1.1, 3.1.0-1: CONNECT comes first
                return;
            }
            switch (type) {
                case CONNECT -> connect((MqttConnectMessage) message);
                case PUBLISH -> publish((MqttPublishMessage) message);
                case PUBACK -> session.acknowledged(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                case PUBREL -> released(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                case SUBSCRIBE -> subscribe((MqttSubscribeMessage) message);
                case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) message);
                case PINGREQ -> ctx.write(new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE)));
                case DISCONNECT -> {
                    will = null; // a clean goodbye: no last will
                    ctx.close();
                }
                default -> ctx.close(); // PUBREC/PUBCOMP: this broker never sends QoS 2
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void refuse(Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            refuseConnect(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, false));
        } else if (cause instanceof MqttIdentifierRejectedException) { // MQTT 3.1 allows 23 characters
            refuseConnect(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, false));
        } else {
            log.debug("MQTT {}: malformed packet: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /**
     * A refusing CONNACK, then the end of the connection (3.2.2-5). The close waits a moment: a client that sees the
     * FIN right behind the CONNACK may report "connection lost" instead of the reason (Paho does).
     */
    private void refuseConnect(MqttConnAckMessage connAck) {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(connAck).addListener(f -> ctx.executor().schedule(() -> ctx.close(), 500,
                TimeUnit.MILLISECONDS));
    }

    private void connect(MqttConnectMessage connect) {
        if (session != null) {
            ctx.close(); // a second CONNECT is a protocol violation (3.1.0-2)
            return;
        }
        int level = connect.variableHeader().version();
        if (level != 3 && level != 4) {
            refuseConnect(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, false));
            return;
        }
        if (!broker.admits(connect.variableHeader().hasPassword()
                ? new String(connect.payload().passwordInBytes(), java.nio.charset.StandardCharsets.UTF_8) : null)) {
            log.warn("MQTT {}: refused, no valid API token as password", ctx.channel().remoteAddress());
            refuseConnect(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, false));
            return;
        }
        boolean clean = connect.variableHeader().isCleanSession();
        String clientId = connect.payload().clientIdentifier();
        if (clientId == null || clientId.isEmpty()) {
            if (!clean) {
                refuseConnect(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, false));
                return;
            }
            clientId = "anonymous-" + UUID.randomUUID();
        }
        if (connect.variableHeader().isWillFlag()) {
            will = new Will(connect.payload().willTopic(), connect.payload().willMessageInBytes(),
                    Math.min(1, connect.variableHeader().willQos()), connect.variableHeader().isWillRetain());
        }
        EmbeddedMqttBroker.Attached attached = broker.openSession(clientId, clean, ctx.channel());
        session = attached.session();
        ctx.write(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, attached.present()));
        int keepAlive = connect.variableHeader().keepAliveTimeSeconds();
        // Silent for one and a half keep-alive periods = gone (3.1.2.10); 0 switches the check off.
        ctx.pipeline().replace(EmbeddedMqttBroker.IDLE, EmbeddedMqttBroker.IDLE,
                new IdleStateHandler(keepAlive == 0 ? 0 : keepAlive * 3L / 2, 0, 0, TimeUnit.SECONDS));
        session.attach(ctx.channel());
    }

    private void publish(MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        if (!TopicTree.validTopic(topic)) {
            ctx.close(); // 3.3.2-2: no wildcards in a topic name
            return;
        }
        int qos = publish.fixedHeader().qosLevel().value();
        int packetId = publish.variableHeader().packetId();
        if (qos == 2 && exactlyOnceReceived.contains(packetId)) {
            acknowledgeInOrder(new PendingAck(packetId, true, CompletableFuture.completedFuture(null)));
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        CompletableFuture<Void> kept = broker.route(topic, payload, qos, publish.fixedHeader().isRetain(), true);
        if (kept == null) {
            log.warn("MQTT {}: may not publish to {}; closing", session.clientId, topic);
            ctx.close();
            return;
        }
        if (qos == 1) {
            acknowledgeInOrder(new PendingAck(packetId, false, kept));
        } else if (qos == 2) {
            exactlyOnceReceived.add(packetId);
            acknowledgeInOrder(new PendingAck(packetId, true, kept));
        }
    }

    private void acknowledgeInOrder(PendingAck ack) {
        if (pendingAcks.isEmpty() && ack.kept().isDone() && !ack.kept().isCompletedExceptionally()) {
            ctx.write(ack(ack)); // flushed at channelReadComplete
            return;
        }
        pendingAcks.add(ack);
        if (pendingAcks.size() == 1) {
            watchHead();
        } else if (pendingAcks.size() == PAUSE_READING_AT) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /**
     * Only the oldest unacknowledged message is watched: consumers keep messages in arrival order (a batch at a
     * time), so one wake-up per batch sends every acknowledgement that is due instead of one task per message.
     */
    private void watchHead() {
        pendingAcks.peek().kept().whenComplete((ok, failure) -> ctx.executor().execute(this::sendKeptAcks));
    }

    /** Sends the acknowledgements at the head of the queue whose messages are kept, in order. */
    private void sendKeptAcks() {
        boolean wrote = false;
        while (!pendingAcks.isEmpty() && pendingAcks.peek().kept().isDone()) {
            PendingAck ack = pendingAcks.poll();
            if (ack.kept().isCompletedExceptionally()) {
                // Not kept (the database is away, say): no PUBACK, and the client re-sends it after reconnecting.
                log.warn("MQTT {}: message {} not kept; closing the connection so that it comes again",
                        session.clientId, ack.packetId());
                pendingAcks.clear();
                ctx.close();
                return;
            }
            ctx.write(ack(ack));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (!pendingAcks.isEmpty()) {
            watchHead();
        }
        if (!ctx.channel().config().isAutoRead() && pendingAcks.size() <= RESUME_READING_AT) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static MqttMessage ack(PendingAck ack) {
        if (ack.exactlyOnce()) {
            return new MqttMessage(fixed(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE),
                    MqttMessageIdVariableHeader.from(ack.packetId()));
        }
        return new MqttPubAckMessage(fixed(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE),
                MqttMessageIdVariableHeader.from(ack.packetId()));
    }

    private void released(int packetId) {
        exactlyOnceReceived.remove(packetId);
        ctx.write(new MqttMessage(fixed(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    private void subscribe(MqttSubscribeMessage subscribe) {
        List<Integer> granted = new ArrayList<>();
        List<MqttTopicSubscription> accepted = new ArrayList<>();
        for (MqttTopicSubscription s : subscribe.payload().topicSubscriptions()) {
            if (TopicTree.validFilter(s.topicFilter())) {
                int qos = Math.min(1, s.qualityOfService().value()); // QoS 2 is served as QoS 1
                broker.subscribe(session, s.topicFilter(), qos);
                granted.add(qos);
                accepted.add(s);
            } else {
                granted.add(MqttQoS.FAILURE.value());
            }
        }
        ctx.write(new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                MqttMessageIdVariableHeader.from(subscribe.variableHeader().messageId()),
                new MqttSubAckPayload(granted)));
        ctx.flush();
        for (MqttTopicSubscription s : accepted) {
            broker.sendRetained(session, s.topicFilter(), Math.min(1, s.qualityOfService().value()));
        }
    }

    private void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        for (String filter : unsubscribe.payload().topics()) {
            broker.unsubscribe(session, filter);
        }
        ctx.write(MqttMessageBuilders.unsubAck().packetId(unsubscribe.variableHeader().messageId()).build());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug("MQTT {}: keep-alive expired", session == null ? ctx.channel().remoteAddress() : session.clientId);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            broker.closeSession(session, ctx.channel());
            if (will != null) {
                broker.route(will.topic(), will.payload(), will.qos(), will.retain(), true);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            log.debug("MQTT {}: {}", ctx.channel().remoteAddress(), cause.toString()); // the peer went away
        } else {
            log.warn("MQTT {}: closing after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(sessionPresent).build();
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }
}
