/**
 * MQTT for every module: the embedded broker (MQTT 3.1.1, our own on Netty's codec) that the platform starts on
 * {@code yingji.mqtt.port} unless {@code yingji.mqtt.external-url} points at another broker (Mosquitto, EMQX),
 * and {@link org.yingji.platform.mqtt.Mqtt}, the one small API to publish (QoS 1), subscribe, and consume
 * (acknowledge the publisher only once the message is kept).
 */
package org.yingji.platform.mqtt;
