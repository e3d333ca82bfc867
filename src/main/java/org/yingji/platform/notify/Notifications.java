package org.yingji.platform.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends a notification to users: stored at once (in the caller's transaction), pushed to their open SSE streams
 * after that transaction commits, so nobody is told about something that was rolled back.
 */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SseStreams<Long> streams = new SseStreams<>();

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Notification(long id, long userId, String title, String body, String link, Instant createdAt,
                               Instant readAt) {
    }

    public void send(Collection<Long> userIds, String title, String body, String link) {
        Instant now = clock.instant();
        for (long userId : userIds) {
            long id = jdbc.sql("""
                            insert into notification (user_id, title, body, link, created_at) values (?, ?, ?, ?, ?)
                            returning id""")
                    .params(userId, title, body, link, Timestamp.from(now)).query(Long.class).single();
            Notification notification = new Notification(id, userId, title, body, link, now, null);
            SseStreams.afterCommit(() -> push(notification));
        }
    }

    List<Notification> of(long userId, boolean unreadOnly, int limit) {
        return jdbc.sql("select * from notification where user_id = ?" + (unreadOnly ? " and read_at is null" : "")
                        + " order by id desc limit ?")
                .params(userId, limit).query(Notification.class).list();
    }

    long unread(long userId) {
        return jdbc.sql("select count(*) from notification where user_id = ? and read_at is null").param(userId)
                .query(Long.class).single();
    }

    boolean markRead(long userId, long id) {
        return jdbc.sql("update notification set read_at = ? where id = ? and user_id = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), id, userId).update() > 0;
    }

    SseEmitter open(long userId) {
        return streams.open(userId, Map.of("unread", unread(userId)));
    }

    /** A comment line every 25 s: proxies keep the stream open, and streams of closed tabs are found and dropped. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        streams.heartbeat();
    }

    /**
     * Ends open streams as soon as shutdown begins: the web server's graceful shutdown, which comes before bean
     * destruction, would otherwise wait its full timeout for them.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeStreams() {
        streams.closeAll();
    }

    private void push(Notification notification) {
        streams.push(notification.userId(), "notification", Long.toString(notification.id()), notification);
    }
}
