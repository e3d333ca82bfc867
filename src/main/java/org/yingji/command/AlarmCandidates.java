package org.yingji.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/**
 * Monitoring alarms waiting on the duty screen. One click opens an incident pre-filled from the alarm; an alarm
 * can also be dismissed (false alarm). Red alarms are listed first.
 */
@Service
class AlarmCandidates {

    /** Incident type suggested by what the sensor measures (monitoring's SensorKind names). */
    static final Map<String, IncidentType> TYPE_BY_SENSOR = Map.ofEntries(
            Map.entry("RAINFALL", IncidentType.FLOOD), Map.entry("WATER_LEVEL", IncidentType.FLOOD),
            Map.entry("GNSS_DISPLACEMENT", IncidentType.GEOLOGICAL), Map.entry("CRACK_WIDTH", IncidentType.GEOLOGICAL),
            Map.entry("SEISMIC_INTENSITY", IncidentType.EARTHQUAKE),
            Map.entry("COMBUSTIBLE_GAS", IncidentType.HAZARDOUS_CHEMICALS),
            Map.entry("TOXIC_GAS", IncidentType.HAZARDOUS_CHEMICALS),
            Map.entry("TANK_TEMPERATURE", IncidentType.HAZARDOUS_CHEMICALS),
            Map.entry("TANK_PRESSURE", IncidentType.HAZARDOUS_CHEMICALS),
            Map.entry("TANK_LEVEL", IncidentType.HAZARDOUS_CHEMICALS), Map.entry("MINE_CH4", IncidentType.MINE),
            Map.entry("MINE_CO", IncidentType.MINE), Map.entry("WIND_SPEED", IncidentType.METEOROLOGICAL));

    record Alarm(String alarmId, String sensor, String sensorKind, String level, String message, String regionCode,
                 double lon, double lat, Instant raisedAt) {
    }

    record Candidate(long id, String alarmId, String sensor, String sensorKind, String level, String message,
                     String regionCode, double lon, double lat, Instant raisedAt, String status, Long incidentId) {
    }

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final Timeline timeline;
    private final AuditLog audit;
    private final Clock clock;

    AlarmCandidates(JdbcClient jdbc, Incidents incidents, Timeline timeline, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records an alarm once (a repeated alarm id is ignored). */
    @Transactional
    void record(Alarm alarm) {
        jdbc.sql("""
                        insert into alarm_candidate (alarm_id, sensor, sensor_kind, level, message, region_code, lon, lat, raised_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (alarm_id) do nothing""")
                .params(alarm.alarmId(), alarm.sensor(), alarm.sensorKind(), alarm.level(), alarm.message(),
                        alarm.regionCode(), alarm.lon(), alarm.lat(), Timestamp.from(alarm.raisedAt()))
                .update();
    }

    void requireInScope(CurrentUser user, Alarm alarm) {
        if (!user.scope().contains(alarm.regionCode())) {
            throw new ProblemException.InvalidField("regionCode", "region.outside-scope", "超出您的管辖范围");
        }
    }

    List<Candidate> pending(CurrentUser user) {
        return jdbc.sql("""
                        select * from alarm_candidate where status = 'PENDING' and region_code like ?
                        order by case level when 'RED' then 0 when 'ORANGE' then 1 when 'YELLOW' then 2 else 3 end, raised_at desc""")
                .param(user.scope().likePattern()).query(Candidate.class).list();
    }

    /** The intake form pre-filled from an alarm: the "one click" of the duty screen. */
    Incidents.Intake prefill(Alarm a) {
        IncidentType type = TYPE_BY_SENSOR.getOrDefault(a.sensorKind(), IncidentType.FLOOD);
        return new Incidents.Intake(IncidentWarnings.LEVEL_LABELS.getOrDefault(a.level(), "") + "报警：" + a.sensor()
                + (a.message() == null ? "" : " " + a.message()), type, Incidents.Source.ALARM, a.alarmId(),
                a.regionCode(), a.lon(), a.lat(), null, a.raisedAt(), "监测预警系统", null, a.message());
    }

    /** Opens an incident from the alarm (recording it first when it came from a notice, not from monitoring). */
    @Transactional
    IncidentView open(CurrentUser user, Alarm alarm, Incidents.Intake overrides) {
        record(alarm);
        Candidate candidate = byAlarm(alarm.alarmId());
        if (!"PENDING".equals(candidate.status())) {
            throw new ProblemException.Conflict("conflict.alarm-handled", "该报警已处理"
                    + (candidate.incidentId() == null ? "" : "，已立案事件 " + candidate.incidentId()));
        }
        IncidentView incident = incidents.open(user, overrides == null ? prefill(alarm) : overrides);
        jdbc.sql("update alarm_candidate set status = 'OPENED', incident_id = ?, handled_by = ?, handled_at = ? where id = ?")
                .params(incident.id(), user.username(), Timestamp.from(clock.instant()), candidate.id()).update();
        timeline.add(incident.id(), Timeline.Kind.ALARM, IncidentWarnings.LEVEL_LABELS.getOrDefault(alarm.level(), "")
                + "报警转立案：" + alarm.sensor(), alarm.message(), null);
        return incident;
    }

    @Transactional
    void dismiss(CurrentUser user, long id, String reason) {
        Candidate c = jdbc.sql("select * from alarm_candidate where id = ? and region_code like ?")
                .params(id, user.scope().likePattern()).query(Candidate.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("报警", id));
        jdbc.sql("update alarm_candidate set status = 'DISMISSED', handled_by = ?, handled_at = ? where id = ?")
                .params(user.username(), Timestamp.from(clock.instant()), id).update();
        audit.record("alarm.dismiss", "alarm_candidate", id, c, Map.of("reason", reason == null ? "" : reason));
    }

    Alarm alarm(CurrentUser user, long id) {
        Candidate c = jdbc.sql("select * from alarm_candidate where id = ? and region_code like ?")
                .params(id, user.scope().likePattern()).query(Candidate.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("报警", id));
        return new Alarm(c.alarmId(), c.sensor(), c.sensorKind(), c.level(), c.message(), c.regionCode(), c.lon(), c.lat(),
                c.raisedAt());
    }

    private Candidate byAlarm(String alarmId) {
        return jdbc.sql("select * from alarm_candidate where alarm_id = ?").param(alarmId).query(Candidate.class).single();
    }
}
