package bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generator's publishing side: plain MQTT 3.1.1 QoS 1 over Netty, several connections, a window of unacknowledged
 * messages per connection. Paho costs about 4 % of a core per 1 000 messages a second, which on 2 shared cores
 * left the platform too little to be measured; this costs a fraction of that. Acknowledgements are counted, and each
 * is reported by its message number ({@code onAck}), in the order the broker sends them.
 */
final class NettyLoad implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Connection> connections = new ArrayList<>();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong lastAckNanos = new AtomicLong();

    /** One connection: its window, and the message number behind each packet id in flight. */
    private final class Connection extends SimpleChannelInboundHandler<MqttMessage> {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final AtomicInteger inflight = new AtomicInteger();
        final long[] messageOf = new long[65_536];
        Channel channel;
        int lastId;
        java.util.function.LongConsumer onAck;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            switch (message.fixedHeader().messageType()) {
                case CONNACK -> {
                    MqttConnectReturnCode code = ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
                    if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        connected.complete(null);
                    } else {
                        connected.completeExceptionally(new IllegalStateException("CONNACK " + code));
                    }
                }
                case PUBACK -> {
                    int id = ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
                    inflight.decrementAndGet();
                    acked.incrementAndGet();
                    lastAckNanos.set(System.nanoTime());
                    if (onAck != null) {
                        onAck.accept(messageOf[id]);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failed.addAndGet(inflight.getAndSet(0));
            connected.completeExceptionally(new IllegalStateException("connection closed"));
        }
    }

    NettyLoad(String url, int count, String token, java.util.function.LongConsumer onAck) throws Exception {
        URI uri = URI.create(url);
        for (int i = 0; i < count; i++) {
            Connection connection = new Connection();
            connection.onAck = onAck;
            connection.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, connection);
                        }
                    }).connect(uri.getHost(), uri.getPort()).sync().channel();
            var connect = MqttMessageBuilders.connect().clientId("bench-" + UUID.randomUUID().toString().substring(0, 8))
                    .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(60);
            if (token != null && !token.isBlank()) {
                connect.hasUser(true).username("bench").hasPassword(true)
                        .password(token.getBytes(StandardCharsets.UTF_8));
            }
            connection.channel.writeAndFlush(connect.build());
            connection.connected.get(10, TimeUnit.SECONDS);
            connections.add(connection);
        }
    }

    /**
     * Sends message {@code number} on its connection unless that connection's window is full (then false: call again
     * after a pause). Not flushed: call {@link #flush()} before waiting.
     */
    boolean offer(long number, String topic, byte[] payload, int window) {
        Connection c = connections.get((int) (number % connections.size()));
        if (!c.channel.isActive()) {
            failed.incrementAndGet();
            return true;
        }
        if (c.inflight.get() >= window) {
            return false;
        }
        c.inflight.incrementAndGet();
        c.lastId = c.lastId == 65_535 ? 1 : c.lastId + 1;
        c.messageOf[c.lastId] = number;
        c.channel.write(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader(topic, c.lastId), Unpooled.wrappedBuffer(payload)));
        return true;
    }

    void flush() {
        connections.forEach(c -> c.channel.flush());
    }

    @Override
    public void close() {
        connections.forEach(c -> c.channel.close());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
