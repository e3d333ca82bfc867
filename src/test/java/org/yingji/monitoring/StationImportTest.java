package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** Stations and sensors from the Excel template, all or nothing, every bad cell named. */
@PlatformTest
class StationImportTest {

    @LocalServerPort
    int port;

    static byte[] sheet(Api admin, List<Object[]> rows) throws Exception {
        return MonitoringTestSheets.filled(admin, "/api/monitoring/stations/template.xlsx", rows);
    }

    @Test
    void importsStationsWithTheirSensorsOrNothing() throws Exception {
        Api admin = TestUsers.admin(port);
        String s = UUID.randomUUID().toString().substring(0, 6);
        Api.Response rejected = admin.upload("/api/monitoring/stations/import", "站点.xlsx", sheet(admin, List.of(
                new Object[] {"IMP-A" + s, "导入水库" + s, "水库", "510321", 104.41, 29.47, "荣县水务局", "IMP-A" + s + "-WL", "水位"},
                new Object[] {"IMP-B" + s, "导入河道" + s, "河道", "999999", 120.0, 29.35, null, "IMP-A" + s + "-WL", "温度"})));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
        List<String> fields = rejected.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("rows[3].kind", "rows[3].sensorKind");
        assertThat(admin.get("/api/monitoring/stations?q=" + s).json().get("total").asLong()).isZero();

        rejected = admin.upload("/api/monitoring/stations/import", "站点.xlsx", sheet(admin, List.of(
                new Object[] {"IMP-A" + s, "导入水库" + s, "水库", "510321", 104.41, 29.47, "荣县水务局", "IMP-A" + s + "-WL", "水位"},
                new Object[] {"IMP-B" + s, "导入河道" + s, "河道断面", "999999", 120.0, 29.35, null, "IMP-A" + s + "-WL", "水位"})));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("rows[3].regionCode", "rows[3].lon", "rows[3].sensorCode");

        JsonNode imported = admin.upload("/api/monitoring/stations/import", "站点.xlsx", sheet(admin, List.of(
                new Object[] {"IMP-A" + s, "导入水库" + s, "水库", "510321", 104.41, 29.47, "荣县水务局", "IMP-A" + s + "-WL", "水位"},
                new Object[] {"IMP-A" + s, "导入水库" + s, "水库", "510321", 104.41, 29.47, "荣县水务局", "IMP-A" + s + "-RN", "降雨量"},
                new Object[] {"IMP-B" + s, "导入河道" + s, "河道断面", "510302", 104.77, 29.35, null, "IMP-B" + s + "-WL", "WATER_LEVEL"})))
                .json();
        assertThat(imported.get("stations").asInt()).isEqualTo(2);
        assertThat(imported.get("sensors").asInt()).isEqualTo(3);
        long id = admin.get("/api/monitoring/stations?q=IMP-A" + s).json().get("items").get(0).get("id").asLong();
        assertThat(admin.get("/api/monitoring/stations/" + id).json().get("sensors").size()).isEqualTo(2);
        assertThat(admin.get("/api/audit?action=station.import").json().get("total").asLong()).isPositive();
    }
}
