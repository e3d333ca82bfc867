/**
 * MQTT for every module: the embedded broker (Moquette, MQTT 3.1.1) that the platform starts on
 * {@code yingji.mqtt.port} unless {@code yingji.mqtt.external-url} points at another broker (Mosquitto, EMQX),
 * and {@link org.yingji.platform.mqtt.Mqtt}, the one small API to publish (QoS 1) and subscribe.
 */
package org.yingji.platform.mqtt;
