package org.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration.MutableClock;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

@PlatformTest
class HazardLoopTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    HazardDeadlines deadlines;

    Map<String, Object> report(long enterpriseId, String title) {
        return Map.of("enterpriseId", enterpriseId, "title", title, "description", "储罐区可燃气体报警器失效",
                "category", "HAZCHEM_STORAGE");
    }

    String inDays(int days) {
        return clock.instant().plus(Duration.ofDays(days)).toString();
    }

    @Test
    void aMajorHazardGoesAroundTheWholeLoop() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("晨光化工"), "510322", 104.98, 29.18);
        long other = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("另一家"), "510322", 104.99, 29.19);
        Api owner = SafetyTestData.enterpriseUser(port, admin, enterprise, "510322");
        Api stranger = SafetyTestData.enterpriseUser(port, admin, other, "510322");

        JsonNode reported = owner.post("/api/safety/hazards", report(enterprise, "储罐区报警器失效")).json();
        long id = reported.get("id").asLong();
        assertThat(reported.get("state").asString()).isEqualTo("REPORTED");
        assertThat(reported.get("foundBy").asString()).isEqualTo("SELF_INSPECTION");
        assertThat(stranger.get("/api/safety/hazards/" + id).status()).isEqualTo(404);
        assertThat(owner.post("/api/safety/hazards/" + id + "/confirm", Map.of("grade", "MAJOR",
                "deadline", inDays(10))).status()).isEqualTo(403);

        JsonNode confirmed = admin.post("/api/safety/hazards/" + id + "/confirm", Map.of("grade", "MAJOR",
                "deadline", inDays(10))).json();
        assertThat(confirmed.get("state").asString()).isEqualTo("CONFIRMED");

        Map<String, Object> plan = new HashMap<>(Map.of("owner", "李四", "measures", "更换报警器并联锁切断",
                "funds", "8 万元", "deadline", inDays(9)));
        Api.Response incomplete = owner.post("/api/safety/hazards/" + id + "/plan", plan);
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.json().get("errors").get(0).get("field").asString()).isEqualTo("contingencyPlan");
        plan.put("contingencyPlan", "储罐区泄漏现场处置方案");
        assertThat(owner.post("/api/safety/hazards/" + id + "/plan", plan).json().get("state").asString())
                .isEqualTo("RECTIFYING");

        long cityBureau = admin.get("/api/departments").json().valueStream()
                .filter(d -> d.get("code").asString().equals("ZG-YJJ")).findFirst().orElseThrow().get("id").asLong();
        JsonNode listed = admin.post("/api/safety/hazards/" + id + "/listing", Map.of("level", "CITY",
                "departmentId", cityBureau, "deadline", inDays(20))).json();
        assertThat(listed.get("listed").asBoolean()).isTrue();
        assertThat(listed.get("listingDepartmentName").asString()).isEqualTo("自贡市应急管理局");

        assertThat(owner.post("/api/safety/hazards/" + id + "/submit", Map.of("note", "已更换")).json()
                .get("state").asString()).isEqualTo("SUBMITTED");

        Api.Response notTheListingUnit = admin.post("/api/safety/hazards/" + id + "/accept", Map.of());
        assertThat(notTheListingUnit.status()).isEqualTo(409);
        assertThat(notTheListingUnit.json().get("key").asString()).isEqualTo("conflict.listing-unit");

        String inspectorName = TestUsers.uniqueName("insp");
        Api inspector = TestUsers.user(port, admin, inspectorName, "INSPECTOR", "510300");
        long inspectorId = admin.get("/api/users?q=" + inspectorName).json().get("items").get(0).get("id").asLong();
        admin.put("/api/users/" + inspectorId, Map.of("displayName", "市局检查员", "role", "INSPECTOR",
                "regionCode", "510300", "departmentId", cityBureau));
        JsonNode closed = inspector.post("/api/safety/hazards/" + id + "/accept", Map.of("note", "复查合格")).json();
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
        assertThat(admin.get("/api/safety/hazards?open=true&enterpriseId=" + enterprise).json().get("total").asInt())
                .isZero();
        assertThat(closed.get("steps").valueStream().map(s -> s.get("action").asString()).toList())
                .containsExactly("report", "confirm", "plan", "list", "submit", "accept");
        assertThat(admin.get("/api/audit?entityType=safety_hazard&entityId=" + id).json().get("total").asInt())
                .isEqualTo(6);
    }

    @Test
    void openHazardsComeNearestDeadlineFirst() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("期限"), "510304", 104.77, 29.37);
        long later = admin.post("/api/safety/hazards", report(enterprise, "消防通道堵塞")).json().get("id").asLong();
        long sooner = admin.post("/api/safety/hazards", report(enterprise, "配电柜无防护")).json().get("id").asLong();
        long unconfirmed = admin.post("/api/safety/hazards", report(enterprise, "未确认")).json().get("id").asLong();
        admin.post("/api/safety/hazards/" + later + "/confirm", Map.of("grade", "GENERAL", "deadline", inDays(12)));
        admin.post("/api/safety/hazards/" + sooner + "/confirm", Map.of("grade", "GENERAL", "deadline", inDays(2)));

        String query = "/api/safety/hazards?open=true&enterpriseId=" + enterprise;
        assertThat(admin.get(query + "&sort=deadline").json().get("items").valueStream()
                .map(h -> h.get("id").asLong()).toList()).containsExactly(sooner, later, unconfirmed);
        assertThat(admin.get(query).json().get("items").valueStream()
                .map(h -> h.get("id").asLong()).toList()).containsExactly(unconfirmed, sooner, later);
        Api.Response badSort = admin.get(query + "&sort=oldest");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().get("errors").get(0).get("field").asString()).isEqualTo("sort");
    }

    @Test
    void nobodyAcceptsTheirOwnRectification() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("工贸"), "510321", 104.42, 29.45);
        Api inspector = TestUsers.user(port, admin, TestUsers.uniqueName("insp"), "INSPECTOR", "510321");
        long id = inspector.post("/api/safety/hazards", report(enterprise, "配电柜未接地")).json().get("id").asLong();
        inspector.post("/api/safety/hazards/" + id + "/confirm", Map.of("grade", "GENERAL", "deadline", inDays(5)));
        inspector.post("/api/safety/hazards/" + id + "/plan", Map.of("owner", "王五", "measures", "接地",
                "deadline", inDays(4)));
        inspector.post("/api/safety/hazards/" + id + "/submit", Map.of());
        Api.Response self = inspector.post("/api/safety/hazards/" + id + "/accept", Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("key").asString()).isEqualTo("conflict.self-acceptance");
        Api.Response rejected = admin.post("/api/safety/hazards/" + id + "/reject", Map.of("reason", "未提供接地电阻检测报告"));
        assertThat(rejected.json().get("state").asString()).isEqualTo("RECTIFYING");
    }

    @Test
    void badInputIsRefusedWithTheField() {
        Api admin = TestUsers.admin(port);
        Map<String, Object> bad = SafetyTestData.enterprise("坏代码企业", "510322", 104.98, 29.18);
        String code = (String) bad.get("creditCode");
        bad.put("creditCode", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'));
        Api.Response wrongCheck = admin.post("/api/safety/enterprises", bad);
        assertThat(wrongCheck.status()).isEqualTo(400);
        assertThat(wrongCheck.json().get("errors").get(0).get("field").asString()).isEqualTo("creditCode");
        assertThat(wrongCheck.json().get("errors").get(0).get("key").asString()).isEqualTo("CreditCode.checkDigit");

        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("期限"), "510322", 104.98, 29.18);
        long id = admin.post("/api/safety/hazards", report(enterprise, "过期的期限")).json().get("id").asLong();
        Api.Response past = admin.post("/api/safety/hazards/" + id + "/confirm", Map.of("grade", "GENERAL",
                "deadline", clock.instant().minus(Duration.ofDays(1)).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("deadline");
        Api.Response wrongState = admin.post("/api/safety/hazards/" + id + "/accept", Map.of());
        assertThat(wrongState.status()).isEqualTo(409);
    }

    @Test
    void anOverdueHazardIsEscalatedToTheCountyBureau() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("逾期"), "510321", 104.42, 29.45);
        long bureau = admin.get("/api/departments").json().valueStream()
                .filter(d -> d.get("code").asString().equals("YJJ-510321")).findFirst().orElseThrow().get("id").asLong();
        String officerName = TestUsers.uniqueName("rxyjj");
        Api officer = TestUsers.user(port, admin, officerName, "DEPARTMENT_USER", "510321");
        long officerId = admin.get("/api/users?q=" + officerName).json().get("items").get(0).get("id").asLong();
        admin.put("/api/users/" + officerId, Map.of("displayName", "荣县应急局", "role", "DEPARTMENT_USER",
                "regionCode", "510321", "departmentId", bureau));

        long id = admin.post("/api/safety/hazards", report(enterprise, "消防通道堵塞")).json().get("id").asLong();
        admin.post("/api/safety/hazards/" + id + "/confirm", Map.of("grade", "GENERAL",
                "deadline", clock.instant().plus(Duration.ofHours(2)).toString()));
        deadlines.check();
        assertThat(admin.get("/api/safety/hazards/" + id).json().get("escalatedAt").isNull()).isTrue();

        clock.advance(Duration.ofHours(3));
        deadlines.check();
        JsonNode hazard = admin.get("/api/safety/hazards/" + id).json();
        assertThat(hazard.get("overdue").asBoolean()).isTrue();
        assertThat(hazard.get("escalatedAt").isNull()).isFalse();
        List<String> titles = officer.get("/api/notifications").json().get("items").valueStream()
                .map(n -> n.get("title").asString()).toList();
        assertThat(titles).contains("隐患整改逾期");
        assertThat(admin.get("/api/safety/hazards?overdue=true&size=500").json().get("items").valueStream()
                .map(h -> h.get("id").asLong()).toList()).contains(id);
    }

    @Test
    void theDashboardReflectsAWriteAtOnce() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("看板"), "510303", 104.63, 29.37);
        int before = admin.get("/api/safety/dashboard").json().get("totals").get("open").asInt();
        assertThat(admin.get("/api/safety/dashboard").json().get("totals").get("open").asInt()).isEqualTo(before);
        admin.post("/api/safety/hazards", report(enterprise, "看板缓存"));
        assertThat(admin.get("/api/safety/dashboard").json().get("totals").get("open").asInt()).isEqualTo(before + 1);
    }

    @Test
    void riskPointsGradeTheEnterpriseInFourColours() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("风险"), "510311", 104.85, 29.25);
        JsonNode yellow = admin.post("/api/safety/enterprises/" + enterprise + "/risk-points", Map.of("name", "装卸区",
                "hazardFactors", "车辆伤害", "controls", "限速", "method", "LEC", "l", 3, "e", 6, "c", 7)).json();
        assertThat(yellow.get("score").asDouble()).isEqualTo(126.0);
        assertThat(yellow.get("level").asString()).isEqualTo("YELLOW");
        assertThat(admin.get("/api/safety/enterprises/" + enterprise).json().get("riskLevel").asString()).isEqualTo("YELLOW");
        admin.post("/api/safety/enterprises/" + enterprise + "/risk-points", Map.of("name", "氯气储罐",
                "hazardFactors", "泄漏中毒", "controls", "双人双锁", "method", "MATRIX", "likelihood", 4, "severity", 5));
        assertThat(admin.get("/api/safety/enterprises/" + enterprise).json().get("riskLevel").asString()).isEqualTo("RED");
        Api.Response offTable = admin.post("/api/safety/enterprises/" + enterprise + "/risk-points", Map.of("name", "x",
                "hazardFactors", "x", "controls", "x", "method", "LEC", "l", 4, "e", 6, "c", 7));
        assertThat(offTable.status()).isEqualTo(400);
        assertThat(offTable.json().get("errors").get(0).get("field").asString()).isEqualTo("l");
        JsonNode layer = admin.get("/api/safety/layers/enterprises").json();
        assertThat(layer.get("features").valueStream().filter(f -> f.get("id").asLong() == enterprise)
                .findFirst().orElseThrow().get("properties").get("riskLevel").asString()).isEqualTo("RED");
        admin.post("/api/safety/hazards", report(enterprise, "储罐区巡检"));
        JsonNode dashboard = admin.get("/api/safety/dashboard").json();
        assertThat(dashboard.get("enterprisesByRisk").get("RED").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode yantan = dashboard.get("byCounty").valueStream().filter(c -> c.get("key").asString().equals("510311"))
                .findFirst().orElseThrow();
        assertThat(yantan.get("name").asString()).isEqualTo("沿滩区");
        assertThat(yantan.get("open").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(dashboard.get("trend").size()).isGreaterThanOrEqualTo(1);
    }
}
