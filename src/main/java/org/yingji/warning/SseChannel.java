package org.yingji.warning;

import java.util.List;
import org.yingji.platform.notify.Notifications;

/** App/web push: a notification to the subscribing user, pushed over their open SSE streams. */
class SseChannel implements WarningChannel {

    private final String id;
    private final Notifications notifications;

    SseChannel(String id, Notifications notifications) {
        this.id = id;
        this.notifications = notifications;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RecipientKind reaches() {
        return RecipientKind.SUBSCRIBER;
    }

    @Override
    public boolean send(Outgoing message, Delivery delivery) {
        notifications.send(List.of(Long.parseLong(delivery.address())), message.level() + "预警：" + message.headline(),
                message.shortText(), "/warning/" + message.warningId());
        return false;
    }
}
