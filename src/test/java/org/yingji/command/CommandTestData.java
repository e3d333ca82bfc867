package org.yingji.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yingji.Api;

/** Requests the command tests share: a rescue team, an intake, a loss report. */
final class CommandTestData {

    static final String TOWNSHIP = "510302001000";
    static final double LON = 104.7790;
    static final double LAT = 29.3390;

    private CommandTestData() {
    }

    static long team(Api api, String name, List<String> specialties, double lon, double lat) {
        Map<String, Object> team = new HashMap<>();
        team.put("name", name);
        team.put("regionCode", "510302");
        team.put("lon", lon);
        team.put("lat", lat);
        team.put("status", "AVAILABLE");
        team.put("attributes", Map.of("teamKind", "PROFESSIONAL", "specialties", specialties, "headcount", 30,
                "leader", "李队长", "phone", "13800002222"));
        Api.Response created = api.post("/api/resources/rescue-teams", team);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static Map<String, Object> intake(String title, String type, Instant occurredAt) {
        Map<String, Object> intake = new HashMap<>();
        intake.put("title", title);
        intake.put("type", type);
        intake.put("regionCode", "510302");
        intake.put("lon", LON);
        intake.put("lat", LAT);
        intake.put("address", "釜溪河沿岸");
        intake.put("occurredAt", occurredAt.toString());
        intake.put("reporter", "张三");
        intake.put("reporterPhone", "13900001234");
        return intake;
    }

    static long open(Api api, String title, String type, Instant occurredAt) {
        Api.Response created = api.post("/api/command/incidents", intake(title, type, occurredAt));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static Map<String, Object> report(String kind, Instant reportedAt, int dead) {
        Map<String, Object> report = new HashMap<>();
        report.put("kind", kind);
        report.put("regionCode", TOWNSHIP);
        report.put("reportedAt", reportedAt.toString());
        report.put("dead", dead);
        report.put("missing", 0);
        report.put("injured", 6);
        report.put("seriouslyInjured", 1);
        report.put("evacuated", 320);
        report.put("housesCollapsed", 12);
        report.put("housesDamaged", 40);
        report.put("directLossYuan", 3_500_000);
        return report;
    }
}
