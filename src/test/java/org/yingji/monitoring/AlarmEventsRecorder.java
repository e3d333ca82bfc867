package org.yingji.monitoring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Stands in for the command module in tests: listens to the public alarm events the way another module would
 * (asynchronously, after commit, through Spring Modulith's persisted event publication registry).
 */
@Component
class AlarmEventsRecorder {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    /** A method, not the field: the listener methods make this bean a proxy. */
    List<Object> received() {
        return events;
    }

    @ApplicationModuleListener
    void on(AlarmRaised event) {
        events.add(event);
    }

    @ApplicationModuleListener
    void on(AlarmCleared event) {
        events.add(event);
    }
}
