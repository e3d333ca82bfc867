package org.yingji.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;

/** Stations, sensors and rules in SQL. */
@Repository
class Stations {

    private final JdbcClient jdbc;

    Stations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Station(long id, String code, String name, StationKind kind, String regionCode, double lon, double lat,
                   String owner, boolean approximate, String source) {
    }

    record StationFields(String code, String name, StationKind kind, String regionCode, double lon, double lat,
                         String owner, boolean approximate, String source) {
    }

    record Sensor(long id, long stationId, String code, SensorKind kind, String name, boolean enabled) {
    }

    record RuleRow(long id, Long sensorId, String sensorKind, String type, String direction, Integer windowMinutes,
                   Double blue, Double yellow, Double orange, Double red, double deadband, boolean enabled) {

        Rule rule() {
            return new Rule(id, sensorId, sensorKind == null ? null : SensorKind.valueOf(sensorKind),
                    Rule.Type.valueOf(type), Rule.Direction.valueOf(direction),
                    windowMinutes == null ? 60 : windowMinutes, Rule.lines(blue, yellow, orange, red), deadband);
        }
    }

    /** A sensor with its station, as the ingest path and the rule engine need it. */
    record SensorInfo(long id, String code, SensorKind kind, long stationId, String stationName, String regionCode,
                      double lon, double lat) {
    }

    PageView<Station> page(RegionScope scope, String q, StationKind kind, PageRequest page) {
        StringBuilder where = new StringBuilder(" where region_code like ?");
        List<Object> params = new ArrayList<>(List.of(scope.likePattern()));
        if (q != null && !q.isBlank()) {
            where.append(" and (name like ? or code like ?)");
            params.add("%" + q.strip() + "%");
            params.add("%" + q.strip() + "%");
        }
        if (kind != null) {
            where.append(" and kind = ?");
            params.add(kind.name());
        }
        long total = jdbc.sql("select count(*) from mon_station" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<Station> items = jdbc.sql("select * from mon_station" + where + " order by code limit ? offset ?")
                .params(pageParams).query(Station.class).list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    Optional<Station> find(long id) {
        return jdbc.sql("select * from mon_station where id = ?").param(id).query(Station.class).optional();
    }

    boolean codeTaken(String code, Long exceptId) {
        return jdbc.sql("select count(*) from mon_station where code = ? and id <> ?")
                .params(code, exceptId == null ? -1 : exceptId).query(Long.class).single() > 0;
    }

    long insert(StationFields f) {
        return jdbc.sql("""
                        insert into mon_station (code, name, kind, region_code, lon, lat, owner, approximate, source)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.code(), f.name(), f.kind().name(), f.regionCode(), f.lon(), f.lat(), f.owner(),
                        f.approximate(), f.source())
                .query(Long.class).single();
    }

    void update(long id, StationFields f) {
        jdbc.sql("""
                        update mon_station set code = ?, name = ?, kind = ?, region_code = ?, lon = ?, lat = ?, owner = ?
                        where id = ?""")
                .params(f.code(), f.name(), f.kind().name(), f.regionCode(), f.lon(), f.lat(), f.owner(), id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from mon_station where id = ?").param(id).update();
    }

    List<Sensor> sensorsOf(long stationId) {
        return jdbc.sql("select * from mon_sensor where station_id = ? order by code").param(stationId)
                .query(Sensor.class).list();
    }

    Optional<Sensor> sensor(long id) {
        return jdbc.sql("select * from mon_sensor where id = ?").param(id).query(Sensor.class).optional();
    }

    Optional<Sensor> sensorByCode(String code) {
        return jdbc.sql("select * from mon_sensor where code = ?").param(code).query(Sensor.class).optional();
    }

    /** The ids of the rules of one sensor (or, with a null sensor, one kind) of one type, direction and window. */
    List<Long> sameRules(Long sensorId, String sensorKind, String type, String direction, Integer windowMinutes) {
        String target = sensorId != null ? "sensor_id = ?" : "sensor_id is null and sensor_kind = ?";
        return jdbc.sql("select id from mon_alarm_rule where " + target
                        + " and type = ? and direction = ? and coalesce(window_minutes, 0) = ? order by id")
                .params(sensorId != null ? sensorId : sensorKind, type, direction,
                        windowMinutes == null ? 0 : windowMinutes)
                .query(Long.class).list();
    }

    boolean sensorCodeTaken(String code) {
        return jdbc.sql("select count(*) from mon_sensor where code = ?").param(code).query(Long.class).single() > 0;
    }

    long insertSensor(long stationId, String code, SensorKind kind, String name) {
        return jdbc.sql("insert into mon_sensor (station_id, code, kind, name) values (?, ?, ?, ?) returning id")
                .params(stationId, code, kind.name(), name).query(Long.class).single();
    }

    void deleteSensor(long id) {
        jdbc.sql("delete from mon_sensor where id = ?").param(id).update();
    }

    List<SensorInfo> allSensors() {
        return jdbc.sql("""
                        select s.id, s.code, s.kind, t.id as station_id, t.name as station_name, t.region_code, t.lon, t.lat
                        from mon_sensor s join mon_station t on t.id = s.station_id where s.enabled""")
                .query(SensorInfo.class).list();
    }

    List<RuleRow> rules() {
        return jdbc.sql("select * from mon_alarm_rule where enabled order by id").query(RuleRow.class).list();
    }

    List<RuleRow> rulesFor(long sensorId, String kind) {
        return jdbc.sql("select * from mon_alarm_rule where sensor_id = ? or sensor_kind = ? order by id")
                .params(sensorId, kind).query(RuleRow.class).list();
    }

    Optional<RuleRow> rule(long id) {
        return jdbc.sql("select * from mon_alarm_rule where id = ?").param(id).query(RuleRow.class).optional();
    }

    long insertRule(RuleRow r) {
        return jdbc.sql("""
                        insert into mon_alarm_rule (sensor_id, sensor_kind, type, direction, window_minutes, blue, yellow,
                                                    orange, red, deadband, enabled)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.sensorId(), r.sensorKind(), r.type(), r.direction(), r.windowMinutes(), r.blue(), r.yellow(),
                        r.orange(), r.red(), r.deadband(), r.enabled())
                .query(Long.class).single();
    }

    void updateRule(long id, RuleRow r) {
        jdbc.sql("""
                        update mon_alarm_rule set direction = ?, window_minutes = ?, blue = ?, yellow = ?, orange = ?,
                        red = ?, deadband = ?, enabled = ? where id = ?""")
                .params(r.direction(), r.windowMinutes(), r.blue(), r.yellow(), r.orange(), r.red(), r.deadband(),
                        r.enabled(), id)
                .update();
    }

    void deleteRule(long id) {
        jdbc.sql("delete from mon_alarm_rule where id = ?").param(id).update();
    }
}
