package org.yingji.monitoring;

import java.time.Instant;

/** An alarm as the console and the API show it. */
record AlarmView(long id, long stationId, String stationName, long sensorId, String sensorCode, String sensorKind,
                 String ruleType, String level, String maxLevel, String state, Double value, String unit,
                 String message, String forecast, String regionCode, Long assigneeId, String assigneeName,
                 Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy, Instant clearedAt, String clearedBy,
                 int escalationCount, double lon, double lat) {

    static final String SELECT = """
            select a.id, a.station_id, t.name as station_name, a.sensor_id, s.code as sensor_code,
                   s.kind as sensor_kind, a.rule_type, a.level, a.max_level, a.state, a.value, null as unit, a.message,
                   a.forecast, a.region_code, a.assignee_id, u.display_name as assignee_name, a.raised_at,
                   a.acknowledged_at, a.acknowledged_by, a.cleared_at, a.cleared_by, a.escalation_count, t.lon, t.lat
            from mon_alarm a join mon_sensor s on s.id = a.sensor_id join mon_station t on t.id = a.station_id
            left join app_user u on u.id = a.assignee_id""";

    AlarmView withUnit() {
        return new AlarmView(id, stationId, stationName, sensorId, sensorCode, sensorKind, ruleType, level, maxLevel,
                state, value, unitOf(sensorKind, ruleType), message, forecast, regionCode, assigneeId, assigneeName,
                raisedAt, acknowledgedAt, acknowledgedBy, clearedAt, clearedBy, escalationCount, lon, lat);
    }

    static String unitOf(String sensorKind, String ruleType) {
        SensorKind kind = SensorKind.valueOf(sensorKind);
        return switch (Rule.Type.valueOf(ruleType)) {
            case THRESHOLD, ACCUMULATION -> kind.unit();
            case RATE -> kind.unit() + "/h";
            case OFFLINE -> "分钟";
        };
    }
}
