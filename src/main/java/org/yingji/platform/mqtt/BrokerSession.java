package org.yingji.platform.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker keeps of one MQTT client (by client id): its subscriptions, the QoS 1 messages sent to it and not
 * yet acknowledged, and, for a persistent session ({@code cleanSession = false}) while the client is away, the QoS 1
 * messages waiting for it. Kept in memory: a broker restart forgets sessions (devices subscribe again on connect).
 */
final class BrokerSession implements EmbeddedMqttBroker.Subscriber {

    private static final Logger log = LoggerFactory.getLogger(BrokerSession.class);
    /** Messages kept for an absent persistent session; beyond this the oldest go (a terminal off for days). */
    static final int MAX_QUEUED = 10_000;

    private record Outgoing(String topic, byte[] payload, int qos) {
    }

    final String clientId;
    final boolean clean;
    /** filter → granted QoS, to remove them from the tree when the session ends. */
    final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final Map<Integer, Outgoing> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> queued = new ArrayDeque<>();
    private Channel channel;
    private int lastPacketId;
    private long dropped;

    BrokerSession(String clientId, boolean clean) {
        this.clientId = clientId;
        this.clean = clean;
    }

    synchronized Channel channel() {
        return channel;
    }

    /** Sends (or, while a persistent session is away, keeps) one message at the subscription's QoS. */
    synchronized void send(String topic, byte[] payload, int qos, boolean retained) {
        Outgoing message = new Outgoing(topic, payload, qos);
        if (channel == null || !channel.isActive()) {
            if (!clean && qos > 0) {
                queue(message);
            }
            return;
        }
        write(message, retained);
    }

    private void queue(Outgoing message) {
        if (queued.size() >= MAX_QUEUED) {
            queued.poll();
            if (dropped++ % MAX_QUEUED == 0) {
                log.warn("MQTT client {} away: {} queued messages dropped so far", clientId, dropped);
            }
        }
        queued.add(message);
    }

    private void write(Outgoing message, boolean retained) {
        int packetId = 0;
        if (message.qos() > 0) {
            if (inflight.size() >= 65_000) { // packet ids are 16-bit: the client is not acknowledging
                queue(message);
                return;
            }
            packetId = nextPacketId();
            inflight.put(packetId, message);
        }
        channel.writeAndFlush(publish(message, packetId, false, retained));
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId == 65_535 ? 1 : lastPacketId + 1;
        } while (inflight.containsKey(lastPacketId));
        return lastPacketId;
    }

    private static MqttPublishMessage publish(Outgoing message, int packetId, boolean dup, boolean retained) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(message.qos()), retained, 0),
                new MqttPublishVariableHeader(message.topic(), packetId), Unpooled.wrappedBuffer(message.payload()));
    }

    synchronized void acknowledged(int packetId) {
        inflight.remove(packetId);
        if (!queued.isEmpty() && channel != null) {
            Outgoing next = queued.poll();
            write(next, false);
        }
    }

    /** The client is (re)connected on {@code channel}: unacknowledged messages again (DUP), then what waited. */
    synchronized void attach(Channel channel) {
        this.channel = channel;
        inflight.forEach((id, message) -> channel.write(publish(message, id, true, false)));
        while (!queued.isEmpty() && inflight.size() < 65_000) {
            write(queued.poll(), false);
        }
        channel.flush();
    }

    /** The connection ended; false when another connection had already taken the session over. */
    synchronized boolean detach(Channel channel) {
        if (this.channel != channel) {
            return false;
        }
        this.channel = null;
        return true;
    }
}
