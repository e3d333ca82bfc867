package org.yingji.platform.mqtt;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the MQTT broker is.
 *
 * @param port        port of the embedded broker (0 = any free port, for tests)
 * @param host        address the embedded broker binds to
 * @param externalUrl {@code tcp://host:port} of an external broker; when set the embedded broker is not started
 * @param username    credentials for the external broker (empty = anonymous)
 * @param password    credentials for the external broker
 * @param allowAnonymous whether devices may connect to the embedded broker without credentials and publish to any
 *                    topic; off by default: a device signs in with an API token as password (any user name) and
 *                    may publish only to topics the platform listens on (telemetry, terminal acknowledgements)
 * @param clientId    the platform's client id on the external broker; its persistent session keeps the messages
 *                    published while the platform is down, so two platform instances need two ids
 */
@ConfigurationProperties("yingji.mqtt")
record MqttSettings(Integer port, String host, String externalUrl, String username, String password,
                    String clientId, boolean allowAnonymous) {

    MqttSettings {
        port = port == null ? 11883 : port;
        host = host == null || host.isBlank() ? "0.0.0.0" : host;
        clientId = clientId == null || clientId.isBlank() ? "yingji-platform" : clientId.trim();
        externalUrl = externalUrl == null || externalUrl.isBlank() ? null : externalUrl.trim();
    }

    boolean external() {
        return externalUrl != null;
    }
}
