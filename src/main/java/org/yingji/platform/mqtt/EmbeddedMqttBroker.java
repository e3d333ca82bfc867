package org.yingji.platform.mqtt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own MQTT 3.1.1 broker (Netty's MQTT codec), started unless an external broker is configured, and
 * the {@link Mqtt} API served in-process on it.
 *
 * <p>Why not an off-the-shelf embedded broker: telemetry must survive a {@code kill -9}. A device may forget a
 * reading once it has the PUBACK, so the PUBACK may leave only after the reading is committed to PostgreSQL.
 * Moquette 0.17, used before, acknowledges first and tells its interceptors afterwards, with no way to wait. Here
 * every QoS 1 publish is acknowledged when every {@link Mqtt#consume consumer} of its topic has kept it.
 *
 * <p>Devices sign in with an API token as password and may publish only to topics a platform module listens on:
 * a stranger on the device network can neither inject readings nor play a fake warning on the broadcast terminals
 * (unless {@code yingji.mqtt.allow-anonymous} opens the broker, for a laboratory).
 *
 * <p>Sessions, subscriptions and retained messages live in memory; messages for an absent persistent session wait
 * in memory too, and a broker restart forgets them.
 */
final class EmbeddedMqttBroker implements Mqtt, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
    static final String IDLE = "idle";
    private static final int MAX_PACKET = 256 * 1024;
    private static final long PUBLISH_TIMEOUT_MS = 10_000;

    /** Who can receive messages: a client's session, or a handler inside the platform. */
    sealed interface Subscriber permits BrokerSession, LocalSubscriber {
    }

    /** A subscription of a platform module; {@code consumer} set = its stage decides when the publisher gets a PUBACK. */
    record LocalSubscriber(MessageHandler handler, MessageConsumer consumer) implements Subscriber {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    record Attached(BrokerSession session, boolean present) {
    }

    private record Retained(byte[] payload, int qos) {
    }

    private final TopicTree<Subscriber> subscriptions = new TopicTree<>();
    private final Map<String, BrokerSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Retained> retained = new ConcurrentHashMap<>();
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    /** Checks the password of a CONNECT (an API token); null = an open broker. */
    private final java.util.function.Predicate<String> credentials;
    private final Channel server;
    private final int port;

    EmbeddedMqttBroker(MqttSettings settings, java.util.function.Predicate<String> credentials) {
        this.credentials = credentials;
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mqtt-accept"),
                NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("mqtt"), NioIoHandler.newFactory());
        try {
            server = new ServerBootstrap().group(acceptor, workers).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    // until CONNECT sets the client's keep-alive: 10 s to say who it is
                                    .addLast(IDLE, new IdleStateHandler(10, 0, 0, TimeUnit.SECONDS))
                                    .addLast("decoder", new MqttDecoder(MAX_PACKET))
                                    .addLast("encoder", MqttEncoder.INSTANCE)
                                    .addLast("broker", new BrokerConnection(EmbeddedMqttBroker.this));
                        }
                    })
                    .bind(settings.host(), settings.port()).sync().channel();
        } catch (Exception e) {
            close();
            throw new MqttUnavailableException("MQTT broker could not start on " + settings.host() + ":"
                    + settings.port(), e);
        }
        port = ((InetSocketAddress) server.localAddress()).getPort();
        log.info("Embedded MQTT broker (MQTT 3.1.1, PUBACK after the platform keeps telemetry{}) listening on {}:{}",
                credentials == null ? ", anonymous devices allowed" : ", devices sign in with an API token",
                settings.host(), port);
    }

    int port() {
        return port;
    }

    // ---- the platform's own API, in-process ----

    @Override
    public void publish(String topic, byte[] payload) {
        if (!TopicTree.validTopic(topic)) {
            throw new IllegalArgumentException("not an MQTT topic name: " + topic);
        }
        try {
            route(topic, payload, 1, false, false).get(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttUnavailableException("MQTT publish to " + topic + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MqttUnavailableException("MQTT publish to " + topic + " not kept", e);
        }
    }

    @Override
    public Subscription subscribe(String topicFilter, MessageHandler handler) {
        return local(topicFilter, new LocalSubscriber(handler, null));
    }

    @Override
    public Subscription consume(String topicFilter, MessageConsumer consumer) {
        return local(topicFilter, new LocalSubscriber(null, consumer));
    }

    private Subscription local(String filter, LocalSubscriber subscriber) {
        if (!TopicTree.validFilter(filter)) {
            throw new IllegalArgumentException("not an MQTT topic filter: " + filter);
        }
        subscriptions.add(filter, subscriber, 1);
        return () -> subscriptions.remove(filter, subscriber);
    }

    @Override
    public String brokerUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    // ---- for the connections ----

    /** CONNECT: whether these credentials let a device in. */
    boolean admits(String password) {
        return credentials == null || (password != null && credentials.test(password));
    }

    /**
     * Hands one message to every matching subscriber. Completes when every consumer has kept it (at once when
     * there is none); fails when one could not. Null when a device ({@code fromDevice}) may not publish there: no
     * platform module listens on the topic and the broker is not open.
     */
    CompletableFuture<Void> route(String topic, byte[] payload, int qos, boolean retain, boolean fromDevice) {
        Map<Subscriber, Integer> targets = subscriptions.match(topic);
        if (fromDevice && credentials != null
                && targets.keySet().stream().noneMatch(target -> target instanceof LocalSubscriber)) {
            return null;
        }
        if (retain) {
            if (payload.length == 0) {
                retained.remove(topic);
            } else {
                retained.put(topic, new Retained(payload, qos));
            }
        }
        List<CompletableFuture<?>> keeping = null;
        for (Map.Entry<Subscriber, Integer> target : targets.entrySet()) {
            int deliveredQos = Math.min(qos, target.getValue());
            if (target.getKey() instanceof BrokerSession session) {
                session.send(topic, payload, deliveredQos, false);
            } else if (target.getKey() instanceof LocalSubscriber local) {
                CompletableFuture<?> kept = deliver(local, topic, payload);
                if (kept != null) {
                    keeping = keeping == null ? new ArrayList<>(2) : keeping;
                    keeping.add(kept);
                }
            }
        }
        if (keeping == null) {
            return CompletableFuture.completedFuture(null);
        }
        return keeping.size() == 1 ? keeping.get(0).thenApply(kept -> null)
                : CompletableFuture.allOf(keeping.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<?> deliver(LocalSubscriber local, String topic, byte[] payload) {
        try {
            if (local.consumer() == null) {
                local.handler().onMessage(topic, payload);
                return null;
            }
            CompletionStage<?> kept = local.consumer().onMessage(topic, payload);
            return kept == null ? null : kept.toCompletableFuture();
        } catch (RuntimeException e) {
            // A bug, not a passing outage: acknowledging beats a device re-sending the same message for ever.
            log.warn("MQTT handler failed on {}", topic, e);
            return null;
        }
    }

    /** CONNECT: a fresh session, or the client's persistent one; another connection with that id is closed. */
    synchronized Attached openSession(String clientId, boolean clean, Channel channel) {
        BrokerSession previous = sessions.get(clientId);
        if (previous != null) {
            Channel old = previous.channel();
            if (old != null && old != channel) {
                old.close(); // 3.1.4-2: the newer connection takes over
            }
            if (!clean && !previous.clean) {
                return new Attached(previous, true);
            }
            dropSubscriptions(previous);
        }
        BrokerSession session = new BrokerSession(clientId, clean);
        sessions.put(clientId, session);
        return new Attached(session, false);
    }

    synchronized void closeSession(BrokerSession session, Channel channel) {
        if (session.detach(channel) && session.clean) {
            sessions.remove(session.clientId, session);
            dropSubscriptions(session);
        }
    }

    private void dropSubscriptions(BrokerSession session) {
        session.subscriptions.keySet().forEach(filter -> subscriptions.remove(filter, session));
        session.subscriptions.clear();
    }

    void subscribe(BrokerSession session, String filter, int qos) {
        session.subscriptions.put(filter, qos);
        subscriptions.add(filter, session, qos);
    }

    void unsubscribe(BrokerSession session, String filter) {
        if (session.subscriptions.remove(filter) != null) {
            subscriptions.remove(filter, session);
        }
    }

    /** After SUBSCRIBE: the retained message of every topic the new filter matches. */
    void sendRetained(BrokerSession session, String filter, int qos) {
        retained.forEach((topic, message) -> {
            if (TopicTree.matches(filter, topic)) {
                session.send(topic, message.payload(), Math.min(qos, message.qos()), true);
            }
        });
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
