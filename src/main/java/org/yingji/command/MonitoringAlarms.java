package org.yingji.command;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yingji.monitoring.AlarmCleared;
import org.yingji.monitoring.AlarmLevelChanged;
import org.yingji.monitoring.AlarmRaised;
import org.yingji.monitoring.Level;

/**
 * Puts every alarm the monitoring module raises on the duty screen (red first), where one click opens an incident
 * pre-filled from it; a waiting alarm follows its colour up and down (the duty screen and the handover show the
 * colour in force), and an alarm that clears before anyone handled it leaves the list. Events come through the
 * persisted publication registry, so no alarm is lost when the node stops between raising and listing.
 */
@Component
class MonitoringAlarms {

    private final AlarmCandidates candidates;
    private final JdbcClient jdbc;

    MonitoringAlarms(AlarmCandidates candidates, JdbcClient jdbc) {
        this.candidates = candidates;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(AlarmRaised alarm) {
        if (alarm.level() == Level.NORMAL) {
            return;
        }
        candidates.record(new AlarmCandidates.Alarm(Long.toString(alarm.alarmId()), alarm.stationName() + " "
                + alarm.sensorCode(), alarm.sensorKind(), alarm.level().name(), alarm.message(), alarm.regionCode(),
                alarm.lon(), alarm.lat(), alarm.at()));
    }

    @ApplicationModuleListener
    void on(AlarmLevelChanged changed) {
        if (changed.to() == Level.NORMAL) {
            return; // AlarmCleared follows and takes it off the list
        }
        jdbc.sql("update alarm_candidate set level = ? where alarm_id = ? and status = 'PENDING'")
                .params(changed.to().name(), Long.toString(changed.alarmId())).update();
    }

    @ApplicationModuleListener
    void on(AlarmCleared cleared) {
        jdbc.sql("""
                        update alarm_candidate set status = 'CLEARED', handled_by = ?, handled_at = ?
                        where alarm_id = ? and status = 'PENDING'""")
                .params(cleared.by() == null ? "system" : cleared.by(), Timestamp.from(cleared.at()),
                        Long.toString(cleared.alarmId()))
                .update();
    }
}
