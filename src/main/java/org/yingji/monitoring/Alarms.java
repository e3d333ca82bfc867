package org.yingji.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.notify.Notifications;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

/**
 * Alarms and their handling: raised by the rule engine, acknowledged, assigned, commented and cleared by people or
 * cleared automatically when the sensor is back to normal. Every step is a row of {@code mon_alarm_step} and of the
 * audit log; raise, level change and clear are also published as events (persisted by Spring Modulith's registry,
 * so a listener in another module gets each one even across a crash). Unacknowledged red and orange alarms are
 * re-notified and escalated one role up after {@code yingji.monitoring.escalate-after}.
 */
@Service
class Alarms {

    /** Who is told first, then next, when nobody acknowledges. */
    static final List<String> ESCALATION = List.of("DUTY_OFFICER", "COMMANDER", "ADMIN");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AlarmAssignees assignees;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final MonitoringStream stream;
    private final Clock clock;
    private final Duration escalateAfter;

    Alarms(JdbcClient jdbc, AuditLog audit, AlarmAssignees assignees, Notifications notifications, ApplicationEventPublisher events,
           MonitoringStream stream, Clock clock,
           @Value("${yingji.monitoring.escalate-after:10m}") Duration escalateAfter) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.assignees = assignees;
        this.notifications = notifications;
        this.events = events;
        this.stream = stream;
        this.clock = clock;
        this.escalateAfter = escalateAfter;
    }

    record AlarmFilter(String state, String level, Long stationId, String q, Long assigneeId) {
    }

    record Step(long id, Instant at, String actor, String action, String level, Double value, String comment) {
    }

    record AlarmDetail(AlarmView alarm, List<Step> steps) {
    }

    private record Open(long id, String level, String maxLevel, String state, String regionCode) {
    }

    /** Turns the rule engine's colour changes into alarm steps, in one transaction. */
    @Transactional
    void apply(List<LiveState.Change> changes) {
        Instant now = clock.instant();
        for (LiveState.Change change : changes) {
            var sensor = change.sensor();
            var t = change.transition();
            String type = t.rule().type().name();
            Open open = jdbc.sql("""
                            select id, level, max_level, state, region_code from mon_alarm
                            where sensor_id = ? and rule_id = ? and state <> 'CLEARED'""")
                    .params(sensor.id(), t.rule().id()).query(Open.class).optional().orElse(null);
            String forecast = change.forecast() == null ? null : change.forecast().text();
            if (open == null && t.to() != Level.NORMAL) {
                String message = message(sensor, t);
                long id = jdbc.sql("""
                                insert into mon_alarm (sensor_id, station_id, rule_id, rule_type, level, max_level, state,
                                                       value, message, forecast, region_code, raised_at)
                                values (?, ?, ?, ?, ?, ?, 'RAISED', ?, ?, ?, ?, ?) returning id""")
                        .params(sensor.id(), sensor.stationId(), t.rule().id(), type, t.to().name(), t.to().name(), t.measure(),
                                message, forecast, sensor.regionCode(), Timestamp.from(now))
                        .query(Long.class).single();
                step(id, now, "system", "RAISED", t.to(), t.measure(), message);
                audit.record("alarm.raise", "mon_alarm", id, null, Map.of("level", t.to().name(), "value",
                        t.measure(), "sensor", sensor.code()));
                events.publishEvent(new AlarmRaised(id, sensor.stationId(), sensor.stationName(), sensor.code(),
                        sensor.kind().name(), t.to(), t.measure(), message, sensor.regionCode(), sensor.lon(),
                        sensor.lat(), now));
                if (t.to().compareTo(Level.ORANGE) >= 0) {
                    notify(ESCALATION.get(0), sensor.regionCode(), t.to().label() + "预警：" + sensor.stationName(),
                            message, id);
                }
                pushAfterCommit(id);
            } else if (open != null && t.to() == Level.NORMAL) {
                clear(open, now, "system", "恢复正常，自动解除", t.measure(), sensor.code(), sensor.stationId());
            } else if (open != null) {
                Level max = t.to().above(Level.valueOf(open.maxLevel())) ? t.to() : Level.valueOf(open.maxLevel());
                jdbc.sql("update mon_alarm set level = ?, max_level = ?, value = ?, forecast = ? where id = ?")
                        .params(t.to().name(), max.name(), t.measure(), forecast, open.id()).update();
                step(open.id(), now, "system", "LEVEL", t.to(), t.measure(), t.from().label() + " → " + t.to().label());
                audit.record("alarm.level", "mon_alarm", open.id(), Map.of("level", open.level()),
                        Map.of("level", t.to().name(), "value", t.measure()));
                events.publishEvent(new AlarmLevelChanged(open.id(), sensor.stationId(), sensor.code(),
                        Level.valueOf(open.level()), t.to(), t.measure(), sensor.regionCode(), now));
                pushAfterCommit(open.id());
            }
        }
    }

    private static String message(Stations.SensorInfo sensor, RuleEngine.Transition t) {
        String unit = AlarmView.unitOf(sensor.kind().name(), t.rule().type().name());
        String measure = String.format("%.2f", t.measure());
        return sensor.stationName() + " " + sensor.kind().label() + switch (t.rule().type()) {
            case THRESHOLD -> " " + measure + " " + unit;
            case RATE -> "变化速率 " + measure + " " + unit;
            case ACCUMULATION -> " " + t.rule().window() / 60 + " 小时累计 " + measure + " " + unit;
            case OFFLINE -> " 已 " + Math.round(t.measure()) + " 分钟无数据";
        } + "，达到" + t.to().label() + "预警";
    }

    private void step(long alarmId, Instant at, String actor, String action, Level level, Double value, String comment) {
        jdbc.sql("""
                        insert into mon_alarm_step (alarm_id, at, actor, action, level, value, comment)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(alarmId, Timestamp.from(at), actor, action, level == null ? null : level.name(), value, comment)
                .update();
    }

    private void clear(Open open, Instant now, String by, String comment, Double value, String sensorCode,
                       long stationId) {
        jdbc.sql("update mon_alarm set state = 'CLEARED', cleared_at = ?, cleared_by = ? where id = ?")
                .params(Timestamp.from(now), by, open.id()).update();
        step(open.id(), now, by, "CLEARED", null, value, comment);
        audit.record("alarm.clear", "mon_alarm", open.id(), Map.of("state", open.state()),
                Map.of("state", "CLEARED", "comment", comment == null ? "" : comment));
        events.publishEvent(new AlarmCleared(open.id(), stationId, sensorCode, by, open.regionCode(), now));
        pushAfterCommit(open.id());
    }

    @Transactional
    AlarmView acknowledge(CurrentUser user, long id, String comment) {
        Open open = openInScope(user, id);
        if (!open.state().equals("RAISED")) {
            throw new ProblemException.Conflict("alarm.not-raised", "只有未确认的报警可以确认");
        }
        Instant now = clock.instant();
        jdbc.sql("update mon_alarm set state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ? where id = ?")
                .params(Timestamp.from(now), user.username(), id).update();
        step(id, now, user.username(), "ACKNOWLEDGED", null, null, comment);
        audit.record("alarm.acknowledge", "mon_alarm", id, Map.of("state", "RAISED"),
                Map.of("state", "ACKNOWLEDGED", "comment", comment == null ? "" : comment));
        pushAfterCommit(id);
        return view(id);
    }

    @Transactional
    AlarmView clearByHand(CurrentUser user, long id, String comment) {
        Open open = openInScope(user, id);
        AlarmView alarm = view(id);
        clear(open, clock.instant(), user.username(), comment, alarm.value(), alarm.sensorCode(), alarm.stationId());
        return view(id);
    }

    @Transactional
    AlarmView assign(CurrentUser user, long id, long assigneeId, String comment) {
        Open open = openInScope(user, id);
        assignees.requireMayHandle(assigneeId, open.regionCode());
        jdbc.sql("update mon_alarm set assignee_id = ? where id = ?").params(assigneeId, id).update();
        step(id, clock.instant(), user.username(), "ASSIGNED", null, null, comment);
        audit.record("alarm.assign", "mon_alarm", id, null, Map.of("assigneeId", assigneeId));
        notifications.send(List.of(assigneeId), "报警已指派给您", view(id).message(), "/monitoring/alarms?id=" + id);
        pushAfterCommit(id);
        return view(id);
    }

    @Transactional
    AlarmView comment(CurrentUser user, long id, String comment) {
        AlarmView alarm = find(user, id);
        step(id, clock.instant(), user.username(), "COMMENT", null, null, comment);
        audit.record("alarm.comment", "mon_alarm", id, null, Map.of("comment", comment));
        return alarm;
    }

    private Open openInScope(CurrentUser user, long id) {
        Open open = jdbc.sql("select id, level, max_level, state, region_code from mon_alarm where id = ? and region_code like ?")
                .params(id, user.scope().likePattern()).query(Open.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("报警", id));
        if (open.state().equals("CLEARED")) {
            throw new ProblemException.Conflict("alarm.cleared", "报警已解除");
        }
        return open;
    }

    AlarmView find(CurrentUser user, long id) {
        return jdbc.sql(AlarmView.SELECT + " where a.id = ? and a.region_code like ?")
                .params(id, user.scope().likePattern()).query(AlarmView.class).optional().map(AlarmView::withUnit)
                .orElseThrow(() -> new ProblemException.NotFound("报警", id));
    }

    AlarmDetail detail(CurrentUser user, long id) {
        return new AlarmDetail(find(user, id), jdbc.sql("""
                        select id, at, actor, action, level, value, comment from mon_alarm_step
                        where alarm_id = ? order by id""").param(id).query(Step.class).list());
    }

    AlarmView view(long id) {
        return jdbc.sql(AlarmView.SELECT + " where a.id = ?").param(id).query(AlarmView.class).single().withUnit();
    }

    PageView<AlarmView> page(RegionScope scope, AlarmFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where a.region_code like ?");
        List<Object> params = new ArrayList<>(List.of(scope.likePattern()));
        if ("OPEN".equals(filter.state())) {
            where.append(" and a.state <> 'CLEARED'");
        } else if (filter.state() != null && !filter.state().isBlank()) {
            where.append(" and a.state = ?");
            params.add(filter.state());
        }
        if (filter.level() != null && !filter.level().isBlank()) {
            where.append(" and a.level = ?");
            params.add(filter.level());
        }
        if (filter.stationId() != null) {
            where.append(" and a.station_id = ?");
            params.add(filter.stationId());
        }
        if (filter.assigneeId() != null) {
            where.append(" and a.assignee_id = ?");
            params.add(filter.assigneeId());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" and (t.name like ? or s.code like ?)");
            params.add("%" + filter.q().strip() + "%");
            params.add("%" + filter.q().strip() + "%");
        }
        long total = jdbc.sql("select count(*) from mon_alarm a join mon_sensor s on s.id = a.sensor_id "
                + "join mon_station t on t.id = a.station_id" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<AlarmView> items = jdbc.sql(AlarmView.SELECT + where + " order by a.raised_at desc, a.id desc limit ? offset ?")
                .params(pageParams).query(AlarmView.class).list().stream().map(AlarmView::withUnit).toList();
        return new PageView<>(items, total, page.page(), page.size());
    }

    private record Due(long id, String level, String regionCode, String message, String stationName,
                       int escalationCount) {
    }

    /** Unacknowledged red and orange alarms: tell the next role up, once per interval. */
    @Scheduled(fixedDelayString = "${yingji.monitoring.escalation-check:30s}")
    @Transactional
    public void escalate() {
        Instant now = clock.instant();
        Timestamp due = Timestamp.from(now.minus(escalateAfter));
        List<Due> alarms = jdbc.sql("""
                        select a.id, a.level, a.region_code, a.message, t.name as station_name, a.escalation_count
                        from mon_alarm a join mon_station t on t.id = a.station_id
                        where a.state = 'RAISED' and a.level in ('RED', 'ORANGE')
                          and coalesce(a.escalated_at, a.raised_at) <= ?""")
                .param(due).query(Due.class).list();
        for (Due alarm : alarms) {
            int next = Math.min(alarm.escalationCount() + 1, ESCALATION.size() - 1);
            String role = ESCALATION.get(next);
            notify(role, alarm.regionCode(), "报警未确认（已升级）：" + alarm.stationName(),
                    alarm.message() + "，超过 " + escalateAfter.toMinutes() + " 分钟未确认", alarm.id());
            jdbc.sql("update mon_alarm set escalated_at = ?, escalation_count = escalation_count + 1 where id = ?")
                    .params(Timestamp.from(now), alarm.id()).update();
            step(alarm.id(), now, "system", "ESCALATED", Level.valueOf(alarm.level()), null, "升级通知：" + role);
            audit.record("alarm.escalate", "mon_alarm", alarm.id(), null, Map.of("role", role));
        }
    }

    /** The enabled users of a role whose region covers the alarm's region. */
    private void notify(String role, String regionCode, String title, String body, long alarmId) {
        List<Long> users = usersCovering(regionCode, role);
        if (!users.isEmpty()) {
            notifications.send(users, title, body, "/monitoring/alarms?id=" + alarmId);
        }
    }

    /** Enabled users of {@code role} whose region subtree holds {@code regionCode}. */
    private List<Long> usersCovering(String regionCode, String role) {
        return jdbc.sql("select id, region_code from app_user where enabled and role = ?").param(role)
                .query((rs, n) -> RegionScope.of(rs.getString(2)).contains(regionCode) ? rs.getLong(1) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private void pushAfterCommit(long id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    stream.alarm(view(id));
                }
            });
        } else {
            stream.alarm(view(id));
        }
    }
}
