package org.yingji.warning;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yingji.platform.mqtt.Mqtt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emergency-broadcast terminals (应急广播) over MQTT: one message per terminal on {@code <prefix>/<code>}; the
 * terminal plays it and acknowledges on {@code <prefix>/<code>/ack} with {@code {"messageId": …}}, which makes its
 * receipt DELIVERED (and its village reached, see Coverage).
 */
class MqttBroadcastChannel implements WarningChannel {

    private static final Logger log = LoggerFactory.getLogger(MqttBroadcastChannel.class);

    private final String id;
    private final String prefix;
    private final Mqtt mqtt;
    private final JsonMapper json;
    private final DeliveryReports reports;
    private final Mqtt.Subscription acks;
    /** terminal code + message id → what it was, until the terminal acknowledges. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(long warningId, int revision, long recipientId, String address) {
    }

    MqttBroadcastChannel(String id, WarningSettings.Channel settings, Mqtt mqtt, JsonMapper json,
                         DeliveryReports reports) {
        this.id = id;
        this.prefix = settings.option("topic-prefix", "yingji/broadcast");
        this.mqtt = mqtt;
        this.json = json;
        this.reports = reports;
        this.acks = mqtt.subscribe(prefix + "/+/ack", this::acknowledged);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RecipientKind reaches() {
        return RecipientKind.TERMINAL;
    }

    @Override
    public boolean send(Outgoing message, Delivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", message.identifier());
        body.put("msgType", message.msgType());
        body.put("level", message.level());
        body.put("headline", message.headline());
        body.put("text", message.shortText());
        body.put("capUrl", message.capUrl());
        pending.put(delivery.address() + "|" + message.identifier(),
                new Pending(message.warningId(), message.revision(), delivery.recipientId(), delivery.address()));
        mqtt.publish(prefix + "/" + delivery.address(), json.writeValueAsBytes(body));
        return false;
    }

    private void acknowledged(String topic, byte[] payload) {
        String terminal = topic.substring(prefix.length() + 1, topic.length() - "/ack".length());
        try {
            JsonNode ack = json.readTree(new String(payload, StandardCharsets.UTF_8));
            Pending entry = pending.remove(terminal + "|" + ack.get("messageId").asString());
            if (entry != null) {
                reports.delivered(entry.warningId(), entry.revision(), id, entry.recipientId(), entry.address());
            }
        } catch (RuntimeException e) {
            log.warn("Unreadable acknowledgement from broadcast terminal {}: {}", terminal, e.getMessage());
        }
    }

    @Override
    public void close() {
        acks.close();
    }
}
