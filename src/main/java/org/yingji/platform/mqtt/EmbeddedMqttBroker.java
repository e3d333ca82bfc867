package org.yingji.platform.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Moquette broker inside the platform. Started by {@link MqttConfiguration} unless an external broker is
 * configured. Its messages live in memory: a restart drops undelivered messages (devices re-send on reconnect).
 */
final class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final Server server = new Server();
    private final int port;

    EmbeddedMqttBroker(MqttSettings settings) {
        port = settings.port() == 0 ? freePort() : settings.port();
        Properties properties = new Properties();
        properties.setProperty("host", settings.host());
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        // Both would phone home: a uuid file and a usage report, or crash reports to a third party.
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("use_bugsnag", "false");
        properties.setProperty("use_metrics", "false");
        properties.setProperty("netty.mqtt.message_size", Integer.toString(256 * 1024));
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("MQTT broker could not start on port " + port, e);
        }
        log.info("Embedded MQTT broker (Moquette, MQTT 3.1.1) listening on {}:{}", settings.host(), port());
    }

    int port() {
        return port;
    }

    // Moquette reports the configured port, not the bound one, so "any free port" is chosen here.
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sees every message published to this broker, in-process, on the broker's interceptor thread: no network hop
     * and no in-flight window (Moquette allows only 10 unacknowledged QoS 1 messages per subscriber session).
     */
    void intercept(String id, BiConsumer<String, byte[]> listener) {
        server.addInterceptHandler(new AbstractInterceptHandler() {
            @Override
            public String getID() {
                return id;
            }

            @Override
            public Class<?>[] getInterceptedMessageTypes() {
                return new Class<?>[] {InterceptPublishMessage.class};
            }

            @Override
            public void onPublish(InterceptPublishMessage message) {
                try {
                    byte[] payload = new byte[message.getPayload().readableBytes()];
                    message.getPayload().getBytes(message.getPayload().readerIndex(), payload);
                    listener.accept(message.getTopicName(), payload);
                } catch (RuntimeException e) {
                    log.warn("MQTT listener {} failed on {}", id, message.getTopicName(), e);
                } finally {
                    super.onPublish(message); // releases the payload buffer
                }
            }

            @Override
            public void onSessionLoopError(Throwable error) {
                log.warn("MQTT broker session loop error", error);
            }
        });
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
