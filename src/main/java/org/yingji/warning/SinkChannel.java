package org.yingji.warning;

import java.util.concurrent.atomic.AtomicLong;

/** Accepts and counts every message: for benchmarks, where the cost of the platform is measured, not a carrier's. */
class SinkChannel implements WarningChannel {

    static final AtomicLong HANDED = new AtomicLong();

    private final String id;
    private final RecipientKind reaches;

    SinkChannel(String id, WarningSettings.Channel settings) {
        this.id = id;
        this.reaches = RecipientKind.valueOf(settings.recipients());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RecipientKind reaches() {
        return reaches;
    }

    @Override
    public boolean send(Outgoing message, Delivery delivery) {
        HANDED.incrementAndGet();
        return false;
    }
}
