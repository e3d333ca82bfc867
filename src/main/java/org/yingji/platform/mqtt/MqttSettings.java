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
 */
@ConfigurationProperties("yingji.mqtt")
record MqttSettings(Integer port, String host, String externalUrl, String username, String password) {

    MqttSettings {
        port = port == null ? 11883 : port;
        host = host == null || host.isBlank() ? "0.0.0.0" : host;
        externalUrl = externalUrl == null || externalUrl.isBlank() ? null : externalUrl.trim();
    }

    boolean external() {
        return externalUrl != null;
    }
}
