package org.yingji.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yingji.platform.notify.SseStreams;
import org.yingji.platform.security.CurrentUser;

/**
 * Everything that happens to an incident, in order. Entries are written in the caller's transaction and pushed to
 * the incident's open SSE streams after it commits.
 */
@Service
class Timeline {

    enum Kind { INTAKE, REPORT, GRADE, ACTIVATION, TASK, DISPATCH, WARNING, ALARM, NOTE, FILE, STATE }

    record Entry(long id, long incidentId, Instant at, String kind, String title, String detail, String actor,
                 String link) {
    }

    /** A page of entries, newest first; {@code nextBefore} continues the list (null at the end). */
    record Page(List<Entry> items, long total, Long nextBefore) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SseStreams<Long> streams = new SseStreams<>();

    Timeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Entry add(long incidentId, Kind kind, String title, String detail, String link) {
        Instant at = clock.instant();
        String actor = CurrentUser.actorName();
        long id = jdbc.sql("""
                        insert into timeline_entry (incident_id, at, kind, title, detail, actor, link)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(incidentId, Timestamp.from(at), kind.name(), title, detail, actor, link).query(Long.class).single();
        Entry entry = new Entry(id, incidentId, at, kind.name(), title, detail, actor, link);
        SseStreams.afterCommit(() -> streams.push(incidentId, "timeline", Long.toString(id), entry));
        return entry;
    }

    /** Keyset paging: entries older than {@code before} (all when null), so deep pages cost as little as the first. */
    Page page(long incidentId, Long before, int size) {
        List<Entry> items = jdbc.sql("""
                        select * from timeline_entry where incident_id = ? and id < ? order by id desc limit ?""")
                .params(incidentId, before == null ? Long.MAX_VALUE : before, size).query(Entry.class).list();
        long total = jdbc.sql("select count(*) from timeline_entry where incident_id = ?").param(incidentId)
                .query(Long.class).single();
        Long next = items.size() == size ? items.get(items.size() - 1).id() : null;
        return new Page(items, total, next);
    }

    List<Entry> all(long incidentId) {
        return jdbc.sql("select * from timeline_entry where incident_id = ? order by id").param(incidentId)
                .query(Entry.class).list();
    }

    SseEmitter open(long incidentId) {
        return streams.open(incidentId, Map.of("incidentId", incidentId));
    }

    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        streams.heartbeat();
    }

    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        streams.closeAll();
    }
}
