package org.yingji.warning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.yingji.platform.mqtt.Mqtt;
import org.yingji.platform.notify.Notifications;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the channels listed in yingji.warning.channels, once, by type. Further types are added here (the SPI's
 * factory), never by changing the dissemination run.
 */
@Component
class Channels implements DisposableBean {

    private final Map<String, ChannelFactory> factories = new ConcurrentHashMap<>();
    private final Map<String, WarningSettings.Channel> configured;
    private volatile List<Configured> built;

    record Configured(String id, WarningSettings.Channel settings, WarningChannel channel) {
    }

    Channels(WarningSettings settings, Notifications notifications, JsonMapper json, ReceiptLog receipts, Mqtt mqtt) {
        this.configured = settings.channels();
        factories.put("smpp", (id, c) -> new SmppChannel(id, c, receipts));
        factories.put("sse", (id, c) -> new SseChannel(id, notifications));
        factories.put("webhook", (id, c) -> new WebhookChannel(id, c, json));
        factories.put("mqtt", (id, c) -> new MqttBroadcastChannel(id, c, mqtt, json, receipts));
        factories.put("sink", SinkChannel::new);
    }

    /** Makes a channel from its configured id and settings. */
    interface ChannelFactory {
        WarningChannel create(String id, WarningSettings.Channel settings);
    }

    /** Lets another part of this module (the MQTT broadcast channel) register its type. */
    void register(String type, ChannelFactory factory) {
        factories.put(type, factory);
    }

    List<Configured> enabled() {
        List<Configured> current = built;
        if (current == null) {
            synchronized (this) {
                current = built;
                if (current == null) {
                    current = new ArrayList<>();
                    for (Map.Entry<String, WarningSettings.Channel> entry : configured.entrySet()) {
                        WarningSettings.Channel c = entry.getValue();
                        if (!c.enabled()) {
                            continue;
                        }
                        ChannelFactory factory = factories.get(c.type());
                        if (factory == null) {
                            throw new IllegalStateException("Unknown warning channel type '" + c.type() + "' for "
                                    + entry.getKey() + "; known: " + factories.keySet());
                        }
                        current.add(new Configured(entry.getKey(), c, factory.create(entry.getKey(), c)));
                    }
                    built = List.copyOf(current);
                }
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        List<Configured> current = built;
        if (current != null) {
            current.forEach(c -> c.channel().close());
        }
    }
}
