package org.yingji.command;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.time.BeijingTime;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/** Duty rosters (值班表, with the leader on duty), the duty log and shift handover. */
@Service
class Duty {

    record RosterEntry(long id, LocalDate dutyDate, String shift, String personName, String phone, boolean leader,
                       String regionCode) {
    }

    record LogEntry(long id, Instant at, String kind, String content, String author, String regionCode) {
    }

    /**
     * The duty screen: who is on duty, open incidents, alarms not yet acknowledged, the log since the last handover,
     * and the snapshot a handover made now would record.
     */
    record Handover(LocalDate date, List<RosterEntry> onDuty, List<IncidentView> openIncidents,
                    List<AlarmCandidates.Candidate> pendingAlarms, List<LogEntry> logSinceLastHandover,
                    HandoverSnapshot snapshot) {
    }

    /**
     * What the outgoing officer hands over, taken by the server when the handover is recorded and stored with it:
     * open incidents, alarms command knows of that nobody has acknowledged yet (opened or dismissed), and open
     * tasks past their deadline.
     */
    record HandoverSnapshot(Instant takenAt, List<OpenIncident> openIncidents,
                            List<AlarmCandidates.Candidate> unacknowledgedAlarms, List<OverdueTask> overdueTasks) {
    }

    record OpenIncident(long id, String title, String typeLabel, String state, Grade grade, String regionName,
                        Instant occurredAt) {
    }

    record OverdueTask(long id, long incidentId, String incidentTitle, String departmentName, String action,
                       Instant deadline, String status) {
    }

    /** A recorded handover: the outgoing officer's note and the snapshot (null for handovers recorded before it). */
    record HandoverRecord(long id, Instant at, String author, String content, HandoverSnapshot snapshot) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Incidents incidents;
    private final AlarmCandidates alarms;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;

    Duty(JdbcClient jdbc, Regions regions, Incidents incidents, AlarmCandidates alarms, AuditLog audit, Clock clock,
         JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.regions = regions;
        this.incidents = incidents;
        this.alarms = alarms;
        this.audit = audit;
        this.clock = clock;
    }

    List<RosterEntry> roster(CurrentUser user, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select * from duty_roster where duty_date between ? and ? and region_code like ?
                        order by duty_date, shift, leader desc, id""")
                .params(Date.valueOf(from), Date.valueOf(to), user.scope().likePattern()).query(RosterEntry.class).list();
    }

    @Transactional
    RosterEntry addRoster(CurrentUser user, LocalDate date, String shift, String personName, String phone, boolean leader,
                          String regionCode) {
        String region = regionCode == null ? user.regionCode() : regionCode;
        regions.requireInScope("regionCode", region, user.scope());
        if (date == null) {
            throw new ProblemException.InvalidField("dutyDate", "NotNull", "不能为空");
        }
        if (!"DAY".equals(shift) && !"NIGHT".equals(shift)) {
            throw new ProblemException.InvalidField("shift", "duty.shift", "班次须为 DAY（白班）或 NIGHT（夜班）");
        }
        if (!StringUtils.hasText(personName)) {
            throw new ProblemException.InvalidField("personName", "NotBlank", "不能为空");
        }
        if (phone != null && !phone.isBlank() && !phone.matches(FieldProblem.PHONE)) {
            throw new ProblemException.InvalidField("phone", "Pattern", "不是有效的手机或座机号码");
        }
        long id = jdbc.sql("""
                        insert into duty_roster (duty_date, shift, person_name, phone, leader, region_code)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(Date.valueOf(date), shift, personName.strip(), phone, leader, region).query(Long.class).single();
        RosterEntry entry = jdbc.sql("select * from duty_roster where id = ?").param(id).query(RosterEntry.class).single();
        audit.record("duty.roster", "duty_roster", id, null, entry);
        return entry;
    }

    @Transactional
    void removeRoster(CurrentUser user, long id) {
        RosterEntry entry = jdbc.sql("select * from duty_roster where id = ? and region_code like ?")
                .params(id, user.scope().likePattern()).query(RosterEntry.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("值班安排", id));
        jdbc.sql("delete from duty_roster where id = ?").param(id).update();
        audit.record("duty.roster-remove", "duty_roster", id, entry, null);
    }

    List<LogEntry> log(CurrentUser user, int limit) {
        return jdbc.sql("select * from duty_log where region_code like ? order by at desc, id desc limit ?")
                .params(user.scope().likePattern(), limit).query(LogEntry.class).list();
    }

    @Transactional
    LogEntry write(CurrentUser user, String content) {
        long id = insert(user, "LOG", content, null);
        LogEntry entry = jdbc.sql("select * from duty_log where id = ?").param(id).query(LogEntry.class).single();
        audit.record("duty.log", "duty_log", id, null, entry);
        return entry;
    }

    /** Records the handover with the snapshot of what is handed over, taken now. */
    @Transactional
    HandoverRecord handOver(CurrentUser user, String content) {
        long id = insert(user, "HANDOVER", content, snapshot(user));
        HandoverRecord record = jdbc.sql("select * from duty_log where id = ?").param(id).query(this::mapHandover).single();
        audit.record("duty.handover", "duty_log", id, null, record);
        return record;
    }

    /** The latest handovers in the user's region subtree, newest first. */
    List<HandoverRecord> handovers(CurrentUser user, int limit) {
        return jdbc.sql("""
                        select * from duty_log where kind = 'HANDOVER' and region_code like ? order by at desc, id desc
                        limit ?""")
                .params(user.scope().likePattern(), limit).query(this::mapHandover).list();
    }

    private long insert(CurrentUser user, String kind, String content, HandoverSnapshot snapshot) {
        if (!StringUtils.hasText(content)) {
            throw new ProblemException.InvalidField("content", "NotBlank", "不能为空");
        }
        return jdbc.sql("""
                        insert into duty_log (at, kind, content, author, region_code, snapshot)
                        values (?, ?, ?, ?, ?, ?::jsonb) returning id""")
                .params(Timestamp.from(clock.instant()), kind, content.strip(), user.username(), user.regionCode(),
                        snapshot == null ? null : json.writeValueAsString(snapshot))
                .query(Long.class).single();
    }

    /** What is handed over now, in the user's region subtree. */
    HandoverSnapshot snapshot(CurrentUser user) {
        Instant now = clock.instant();
        List<OpenIncident> open = incidents.unclosed(user.scope()).stream()
                .map(i -> new OpenIncident(i.id(), i.title(), i.typeLabel(), i.state(), i.grade(), i.regionName(),
                        i.occurredAt()))
                .toList();
        List<OverdueTask> overdue = jdbc.sql("""
                        select t.id, t.incident_id, i.title as incident_title, t.department_name, t.action, t.deadline,
                            t.status
                        from command_task t join incident i on i.id = t.incident_id
                        where i.state <> 'CLOSED' and i.region_code like ? and t.status in ('PENDING', 'IN_PROGRESS')
                            and t.deadline < ?
                        order by t.deadline, t.id""")
                .params(user.scope().likePattern(), Timestamp.from(now)).query(OverdueTask.class).list();
        return new HandoverSnapshot(now, open, alarms.pending(user), overdue);
    }

    private HandoverRecord mapHandover(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String snapshot = rs.getString("snapshot");
        return new HandoverRecord(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("author"),
                rs.getString("content"), snapshot == null ? null : json.readValue(snapshot, HandoverSnapshot.class));
    }

    Handover handover(CurrentUser user) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BeijingTime.ZONE);
        Timestamp last = jdbc.sql("select max(at) from duty_log where kind = 'HANDOVER' and region_code like ?")
                .param(user.scope().likePattern()).query((rs, n) -> rs.getTimestamp(1)).list().get(0);
        List<LogEntry> since = jdbc.sql("""
                        select * from duty_log where region_code like ? and kind = 'LOG' and at > ? order by at""")
                .params(user.scope().likePattern(), last == null ? Timestamp.from(Instant.EPOCH) : last)
                .query(LogEntry.class).list();
        HandoverSnapshot snapshot = snapshot(user);
        return new Handover(today, roster(user, today, today), incidents.unclosed(user.scope()),
                snapshot.unacknowledgedAlarms(), since, snapshot);
    }
}
