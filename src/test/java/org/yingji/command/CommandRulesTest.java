package org.yingji.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** Bad input and the rules of grading, activation levels, dispatch, deadlines, duty and close-out. */
@PlatformTest
class CommandRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    TestClockConfiguration.MutableClock clock;
    Api admin;

    @BeforeEach
    void signIn() {
        admin = TestUsers.admin(port);
    }

    private long planId(String nameContains) {
        return admin.get("/api/command/plans").json().valueStream()
                .filter(p -> p.get("name").asString().contains(nameContains)).findFirst().orElseThrow().get("id").asLong();
    }

    private static String field(Api.Response response) {
        return response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList().toString();
    }

    @Test
    void rejectsNegativeCasualtiesAndAReportBeforeTheIncident() {
        long id = CommandTestData.open(admin, "化工厂泄漏", "HAZARDOUS_CHEMICALS", clock.instant().minus(Duration.ofMinutes(10)));
        Map<String, Object> negative = CommandTestData.report("FIRST", clock.instant(), -2);
        negative.put("injured", -1);
        Api.Response bad = admin.post("/api/command/incidents/" + id + "/loss-reports", negative);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(field(bad)).contains("dead", "injured");
        assertThat(bad.json().get("errors").get(0).get("message").asString()).isEqualTo("不能为负数");

        Api.Response early = admin.post("/api/command/incidents/" + id + "/loss-reports",
                CommandTestData.report("FIRST", clock.instant().minus(Duration.ofHours(1)), 1));
        assertThat(early.status()).isEqualTo(400);
        assertThat(field(early)).contains("reportedAt");
        assertThat(early.body()).contains("报告时间早于事件发生时间", "report.before-incident");

        Map<String, Object> byHandAsAlarm = CommandTestData.intake("冒充报警", "FLOOD", clock.instant());
        byHandAsAlarm.put("source", "ALARM");
        Api.Response asAlarm = admin.post("/api/command/incidents", byHandAsAlarm);
        assertThat(asAlarm.status()).isEqualTo(400);
        assertThat(field(asAlarm)).contains("source");
        Map<String, Object> publicReport = CommandTestData.intake("群众报告", "FIRE", clock.instant());
        publicReport.put("source", "PUBLIC_REPORT");
        assertThat(field(admin.post("/api/command/incidents", publicReport))).contains("sourceRef");
        publicReport.put("sourceRef", "12345-20261129-001");
        assertThat(admin.post("/api/command/incidents", publicReport).json().get("source").asString())
                .isEqualTo("PUBLIC_REPORT");

        Api.Response followUpFirst = admin.post("/api/command/incidents/" + id + "/loss-reports",
                CommandTestData.report("FOLLOW_UP", clock.instant(), 1));
        assertThat(followUpFirst.status()).isEqualTo(400);
        assertThat(followUpFirst.body()).contains("report.first-missing");
    }

    @Test
    void rejectsAPlanThatDoesNotCoverTheTypeAndAdjustsTasksWhenTheLevelMoves() {
        long id = CommandTestData.open(admin, "危化品仓库火灾", "HAZARDOUS_CHEMICALS", clock.instant());
        Api.Response wrong = admin.post("/api/command/incidents/" + id + "/activations",
                Map.of("planId", planId("防汛抗旱"), "level", "III"));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json().get("key").asString()).isEqualTo("conflict.plan-scope");
        assertThat(wrong.json().get("detail").asString()).contains("不适用于危险化学品事故");

        long plan = planId("危险化学品");
        assertThat(admin.post("/api/command/incidents/" + id + "/activations", Map.of("planId", plan, "level", "IV"))
                .status()).isEqualTo(201);
        int atIV = admin.get("/api/command/incidents/" + id + "/tasks").json().size();
        // Raise to Ⅲ: the Ⅲ tasks are added, the Ⅳ ones kept.
        assertThat(admin.post("/api/command/incidents/" + id + "/activations", Map.of("planId", plan, "level", "III"))
                .status()).isEqualTo(201);
        List<JsonNode> tasks = admin.get("/api/command/incidents/" + id + "/tasks").json().valueStream().toList();
        assertThat(tasks.stream().filter(t -> t.get("level").asString().equals("IV")).count()).isEqualTo(atIV);
        assertThat(tasks.stream().filter(t -> t.get("level").asString().equals("III")).count()).isGreaterThan(atIV);
        // Lower back to Ⅳ: open Ⅲ tasks superseded.
        admin.post("/api/command/incidents/" + id + "/activations", Map.of("planId", plan, "level", "IV"));
        tasks = admin.get("/api/command/incidents/" + id + "/tasks").json().valueStream().toList();
        assertThat(tasks).filteredOn(t -> t.get("level").asString().equals("III"))
                .allSatisfy(t -> assertThat(t.get("status").asString()).isEqualTo("SUPERSEDED"));
        assertThat(tasks).filteredOn(t -> t.get("level").asString().equals("IV"))
                .allSatisfy(t -> assertThat(t.get("status").asString()).isEqualTo("PENDING"));

        // A task becomes overdue when its deadline passes, and a department notes progress on it.
        JsonNode task = tasks.stream().filter(t -> t.get("level").asString().equals("IV")).findFirst().orElseThrow();
        clock.advance(Duration.ofHours(12));
        try {
            JsonNode after = admin.get("/api/command/incidents/" + id + "/tasks").json().valueStream()
                    .filter(t -> t.get("id").asLong() == task.get("id").asLong()).findFirst().orElseThrow();
            assertThat(after.get("overdue").asBoolean()).isTrue();
            Api.Response done = admin.put("/api/command/incidents/" + id + "/tasks/" + task.get("id").asLong(),
                    Map.of("status", "DONE", "note", "已完成侦检"));
            assertThat(done.json().get("overdue").asBoolean()).isFalse();
            assertThat(done.json().get("note").asString()).isEqualTo("已完成侦检");
        } finally {
            clock.advance(Duration.ofHours(-12));
        }
    }

    @Test
    void rejectsDispatchingADeployedTeamAndReleasesItOnReturn() {
        long team = CommandTestData.team(admin, TestUsers.uniqueName("危化救援队"), List.of("HAZCHEM"),
                CommandTestData.LON + 0.01, CommandTestData.LAT);
        long first = CommandTestData.open(admin, "燃气泄漏", "GAS", clock.instant());
        long second = CommandTestData.open(admin, "另一处燃气泄漏", "GAS", clock.instant());
        Api.Response order = admin.post("/api/command/incidents/" + first + "/dispatches/team", Map.of("teamId", team));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        Api.Response again = admin.post("/api/command/incidents/" + second + "/dispatches/team", Map.of("teamId", team));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("key").asString()).isEqualTo("conflict.team-deployed");
        assertThat(again.json().get("detail").asString()).contains("已出动");
        assertThat(admin.get("/api/command/incidents/" + second + "/team-recommendations?limit=40").json().valueStream()
                .map(c -> c.get("teamId").asLong()).toList()).doesNotContain(team);

        long orderId = order.json().get("id").asLong();
        String path = "/api/command/incidents/" + first + "/dispatches/" + orderId;
        assertThat(admin.put(path, Map.of("status", "ON_SCENE")).json().get("status").asString()).isEqualTo("ON_SCENE");
        assertThat(admin.put(path, Map.of("status", "EN_ROUTE")).status()).isEqualTo(409);
        assertThat(admin.put(path, Map.of("status", "RETURNED")).json().get("status").asString()).isEqualTo("RETURNED");
        assertThat(admin.get("/api/resources/rescue-teams/" + team).json().get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(admin.post("/api/command/incidents/" + second + "/dispatches/team", Map.of("teamId", team)).status())
                .isEqualTo(201);
    }

    @Test
    void suppliesComeOutOfTheNearestStockAndUnusedOnesGoBack() {
        Map<String, Object> warehouse = new java.util.HashMap<>(Map.of("name", TestUsers.uniqueName("自流井区物资储备库"),
                "regionCode", "510302", "lon", CommandTestData.LON + 0.004, "lat", CommandTestData.LAT,
                "attributes", Map.of("level", "COUNTY", "keeper", "赵库管", "phone", "13800003333")));
        long warehouseId = admin.post("/api/resources/warehouses", warehouse).json().get("id").asLong();
        long tent = admin.get("/api/supply-items").json().valueStream()
                .filter(i -> i.get("code").asString().equals("TENT")).findFirst().orElseThrow().get("id").asLong();
        assertThat(admin.put("/api/warehouses/" + warehouseId + "/stock/" + tent, Map.of("quantity", 100))
                .status()).isEqualTo(200);
        long id = CommandTestData.open(admin, "暴雨内涝", "FLOOD", clock.instant());

        JsonNode candidates = admin.get("/api/command/incidents/" + id + "/supply-recommendations?itemId=" + tent
                + "&quantity=30").json();
        assertThat(candidates.get(0).get("warehouseId").asLong()).isEqualTo(warehouseId);
        Api.Response order = admin.post("/api/command/incidents/" + id + "/dispatches/supply",
                Map.of("warehouseId", warehouseId, "itemId", tent, "quantity", 30));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(stock(warehouseId, tent)).isEqualTo(70);
        assertThat(admin.post("/api/command/incidents/" + id + "/dispatches/supply",
                Map.of("warehouseId", warehouseId, "itemId", tent, "quantity", 500)).status()).isEqualTo(409);
        admin.put("/api/command/incidents/" + id + "/dispatches/" + order.json().get("id").asLong(),
                Map.of("status", "RETURNED", "returnedQuantity", 10));
        assertThat(stock(warehouseId, tent)).isEqualTo(80);
    }

    private int stock(long warehouseId, long itemId) {
        return admin.get("/api/warehouses/" + warehouseId + "/stock").json().valueStream()
                .filter(l -> l.get("itemId").asLong() == itemId).findFirst().orElseThrow().get("quantity").asInt();
    }

    @Test
    void gradesAccidentsByTheStateCouncilThresholdsAndKeepsAnOverride() {
        long id = CommandTestData.open(admin, "建筑工地坍塌", "CONSTRUCTION", clock.instant().minus(Duration.ofMinutes(5)));
        Map<String, Object> report = CommandTestData.report("FIRST", clock.instant(), 1);
        report.put("directLossYuan", 60_000_000);
        admin.post("/api/command/incidents/" + id + "/loss-reports", report);
        JsonNode incident = admin.get("/api/command/incidents/" + id).json();
        assertThat(incident.get("grade").asString()).isEqualTo("II");
        assertThat(incident.get("gradeRule").asString()).contains("直接经济损失 6000 万元 ≥ 5000 万元 → 重大 Ⅱ级", "国务院令第493号");

        assertThat(admin.post("/api/command/incidents/" + id + "/grade", Map.of("grade", "I")).status()).isEqualTo(400);
        Api.Response override = admin.post("/api/command/incidents/" + id + "/grade",
                Map.of("grade", "I", "reason", "社会影响重大，市委决定按特别重大处置"));
        assertThat(override.json().get("grade").asString()).isEqualTo("I");
        Map<String, Object> followUp = CommandTestData.report("FOLLOW_UP", clock.instant(), 12);
        admin.post("/api/command/incidents/" + id + "/loss-reports", followUp);
        incident = admin.get("/api/command/incidents/" + id).json();
        assertThat(incident.get("grade").asString()).isEqualTo("I");
        assertThat(incident.get("computedGrade").asString()).isEqualTo("II");
        assertThat(admin.get("/api/audit?action=incident.grade-override&entityId=" + id).json().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void flagsAFirstReportAfterTheStatutoryHour() {
        long id = CommandTestData.open(admin, "矿井透水", "MINE", clock.instant().minus(Duration.ofMinutes(90)));
        assertThat(admin.get("/api/command/incidents/" + id).json().get("firstReportOverdue").asBoolean()).isTrue();
        admin.post("/api/command/incidents/" + id + "/loss-reports", CommandTestData.report("FIRST", clock.instant(), 0));
        JsonNode incident = admin.get("/api/command/incidents/" + id).json();
        assertThat(incident.get("firstReportOverdue").asBoolean()).isTrue();
        assertThat(incident.get("firstReportAt").isNull()).isFalse();
    }

    @Test
    void anInformationOfficerReportsOnlyInTheirTownshipAndFiguresSumUp() {
        Api info = TestUsers.user(port, admin, TestUsers.uniqueName("info"), "INFO_OFFICER", "510302");
        long id = CommandTestData.open(admin, "山洪", "FLOOD", clock.instant().minus(Duration.ofMinutes(5)));
        Map<String, Object> elsewhere = CommandTestData.report("FIRST", clock.instant(), 1);
        elsewhere.put("regionCode", "510303001000");
        Api.Response outside = info.post("/api/command/incidents/" + id + "/loss-reports", elsewhere);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body()).contains("region.outside-scope");
        Map<String, Object> county = CommandTestData.report("FIRST", clock.instant(), 1);
        county.put("regionCode", "510302");
        assertThat(info.post("/api/command/incidents/" + id + "/loss-reports", county).body()).contains("region.township");
        assertThat(info.post("/api/command/incidents", CommandTestData.intake("x", "FLOOD", clock.instant())).status())
                .isEqualTo(403);

        info.post("/api/command/incidents/" + id + "/loss-reports", CommandTestData.report("FIRST", clock.instant(), 1));
        JsonNode losses = admin.get("/api/command/incidents/" + id + "/losses").json();
        assertThat(losses.get("total").get("dead").asInt()).isEqualTo(1);
        assertThat(losses.get("byCounty").get(0).get("regionName").asString()).isEqualTo("自流井区");
        // 续报 replaces the township's figures instead of adding to them.
        info.post("/api/command/incidents/" + id + "/loss-reports", CommandTestData.report("FOLLOW_UP",
                clock.instant().plusSeconds(60), 3));
        assertThat(admin.get("/api/command/incidents/" + id + "/losses").json().get("total").get("dead").asInt())
                .isEqualTo(3);
    }

    @Test
    void plansAreVersionedExportedAndCarryAttachments() throws Exception {
        long id = planId("地震应急预案");
        JsonNode plan = admin.get("/api/command/plans/" + id).json();
        int version = plan.get("version").asInt();
        Map<String, Object> content = Api.JSON.convertValue(plan.get("content"), Map.class);
        Api.Response published = admin.put("/api/command/plans/" + id, Map.of("name", plan.get("name").asString(),
                "content", content));
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("version").asInt()).isEqualTo(version + 1);
        assertThat(admin.get("/api/command/plans/" + id + "/versions").json().size()).isEqualTo(version + 1);
        assertThat(admin.get("/api/command/plans/" + id + "?version=" + version).json().get("version").asInt())
                .isEqualTo(version);

        Map<String, Object> bad = Map.of("code", "X-1", "name", "无效预案", "kind", "SPECIAL", "content",
                Map.of("scope", List.of(), "levels", List.of(Map.of("level", "III", "startConditions", "",
                        "actions", List.of(Map.of("departmentName", "自贡市水务局", "action", "巡查", "limitMinutes", 0))))));
        Api.Response invalid = admin.post("/api/command/plans", bad);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(field(invalid)).contains("content.scope", "content.levels[0].startConditions",
                "content.levels[0].actions[0].limitMinutes");

        assertThat(admin.upload("/api/command/plans/" + id + "/attachments", "处置流程图.pdf", "%PDF-1.4 test".getBytes())
                .status()).isEqualTo(201);
        assertThat(admin.get("/api/command/plans/" + id + "/attachments").json().get(0).get("fileName").asString())
                .isEqualTo("处置流程图.pdf");

        String text = IncidentCommandFlowTest.pdfText(admin.download("/api/command/plans/" + id + "/export.pdf"));
        assertThat(text).contains("自贡市地震应急预案", "启动条件", "自贡市消防救援支队");
        try (var docx = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(
                admin.download("/api/command/plans/" + id + "/export.docx")));
             var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(docx)) {
            assertThat(extractor.getText()).contains("自贡市地震应急预案", "处置卡");
        }
    }

    @Test
    void anArchivedPlanIsNeitherSuggestedNorActivatableStaysReadableAndOnlyANeverActivatedPlanIsDeleted() {
        String name = TestUsers.uniqueName("自贡市盐卤管道泄漏应急预案");
        Map<String, Object> content = Map.of("scope", List.of("HAZARDOUS_CHEMICALS"), "purpose", "盐卤管道泄漏处置",
                "levels", List.of(Map.of("level", "IV", "startConditions", "管道泄漏影响周边群众",
                        "actions", List.of(Map.of("departmentName", "自贡市应急管理局", "action", "组织抢修", "limitMinutes", 30)))));
        long plan = admin.post("/api/command/plans", Map.of("code", TestUsers.uniqueName("YA-YL"), "name", name,
                "kind", "SPECIAL", "content", content)).json().get("id").asLong();
        long used = CommandTestData.open(admin, "盐卤管道泄漏", "HAZARDOUS_CHEMICALS", clock.instant());
        assertThat(admin.post("/api/command/incidents/" + used + "/activations", Map.of("planId", plan, "level", "IV"))
                .status()).isEqualTo(201);

        // Only the plan editor retires a plan; an activated plan cannot be deleted, and the 409 names the rule.
        Api department = TestUsers.user(port, admin, TestUsers.uniqueName("dept"), "DEPARTMENT_USER", "510300");
        assertThat(department.post("/api/command/plans/" + plan + "/archive", Map.of()).status()).isEqualTo(403);
        assertThat(department.delete("/api/command/plans/" + plan).status()).isEqualTo(403);
        Api.Response refused = admin.delete("/api/command/plans/" + plan);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("key").asString()).isEqualTo("conflict.plan-activated");
        assertThat(refused.json().get("detail").asString()).contains("只能删除从未启动的预案", "归档");

        Api.Response archived = admin.post("/api/command/plans/" + plan + "/archive", Map.of());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().get("archivedBy").asString()).isEqualTo("admin");
        assertThat(admin.post("/api/command/plans/" + plan + "/archive", Map.of()).json().get("key").asString())
                .isEqualTo("conflict.plan-archived");
        assertThat(admin.get("/api/command/plans").json().valueStream().map(p -> p.get("id").asLong())).doesNotContain(plan);
        assertThat(admin.get("/api/command/plans?archived=true").json().valueStream().map(p -> p.get("id").asLong()))
                .contains(plan);
        // Still readable with its versions, and the past activation still points at it.
        assertThat(admin.get("/api/command/plans/" + plan).json().get("archivedAt").isNull()).isFalse();
        assertThat(admin.get("/api/command/plans/" + plan + "/versions").json().size()).isEqualTo(1);
        assertThat(admin.get("/api/command/incidents/" + used + "/screen").json().get("activations").get(0)
                .get("planId").asLong()).isEqualTo(plan);
        // Neither suggested nor activatable, nor edited.
        long next = CommandTestData.open(admin, "又一处盐卤管道泄漏", "HAZARDOUS_CHEMICALS", clock.instant());
        assertThat(admin.get("/api/command/incidents/" + next + "/plan-suggestions").json().valueStream()
                .map(p -> p.get("planId").asLong())).doesNotContain(plan).contains(planId("危险化学品"));
        Api.Response activate = admin.post("/api/command/incidents/" + next + "/activations",
                Map.of("planId", plan, "level", "IV"));
        assertThat(activate.status()).isEqualTo(409);
        assertThat(activate.json().get("key").asString()).isEqualTo("conflict.plan-archived");
        assertThat(activate.json().get("detail").asString()).contains("已归档", "恢复");
        assertThat(admin.put("/api/command/plans/" + plan, Map.of("name", name, "content", content)).status())
                .isEqualTo(409);

        // Restored, it is suggested and activatable again.
        assertThat(admin.post("/api/command/plans/" + plan + "/restore", Map.of()).json().get("archivedAt").isNull())
                .isTrue();
        assertThat(admin.post("/api/command/plans/" + plan + "/restore", Map.of()).json().get("key").asString())
                .isEqualTo("conflict.plan-not-archived");
        assertThat(admin.get("/api/command/incidents/" + next + "/plan-suggestions").json().valueStream()
                .map(p -> p.get("planId").asLong())).contains(plan);
        assertThat(admin.post("/api/command/incidents/" + next + "/activations", Map.of("planId", plan, "level", "IV"))
                .status()).isEqualTo(201);

        // A plan never activated is deleted, and every step is in the audit log.
        long unused = admin.post("/api/command/plans", Map.of("code", TestUsers.uniqueName("YA-X"),
                "name", TestUsers.uniqueName("草稿预案"), "kind", "SPECIAL", "content", content)).json().get("id").asLong();
        assertThat(admin.delete("/api/command/plans/" + unused).status()).isEqualTo(204);
        assertThat(admin.get("/api/command/plans/" + unused).status()).isEqualTo(404);
        for (String action : List.of("plan.archive", "plan.restore", "plan.delete")) {
            long entity = action.equals("plan.delete") ? unused : plan;
            assertThat(admin.get("/api/audit?entityType=plan&entityId=" + entity + "&action=" + action).json()
                    .get("total").asLong()).as(action).isEqualTo(1);
        }
    }

    @Test
    void dutyHandoverListsOpenIncidentsAndPendingAlarmsAndCloseOutTracksFollowUps() {
        String today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(admin.post("/api/command/duty/roster", Map.of("dutyDate", today, "shift", "DAY", "personName", "王值班",
                "phone", "13800004444", "leader", true)).status()).isEqualTo(201);
        assertThat(admin.post("/api/command/duty/roster", Map.of("dutyDate", today, "shift", "NOON", "personName", "x"))
                .body()).contains("shift");
        admin.post("/api/command/duty/log", Map.of("content", "09:10 接气象台暴雨黄色预警，已转发各区县"));
        long id = CommandTestData.open(admin, "道路塌方", "GEOLOGICAL", clock.instant());
        Api.Response alarm = admin.post("/api/command/incidents/from-alarm", Map.of("alarmId", "ALM-H-" + System.nanoTime(),
                "sensor", "荣县裂缝计", "sensorKind", "CRACK_WIDTH", "level", "YELLOW", "regionCode", "510302",
                "lon", CommandTestData.LON, "lat", CommandTestData.LAT, "raisedAt", clock.instant().toString()));
        assertThat(alarm.status()).isEqualTo(201);
        assertThat(alarm.json().get("type").asString()).isEqualTo("GEOLOGICAL");

        JsonNode handover = admin.get("/api/command/duty/handover").json();
        assertThat(handover.get("onDuty").valueStream().map(r -> r.get("personName").asString()).toList()).contains("王值班");
        assertThat(handover.get("openIncidents").valueStream().map(i -> i.get("id").asLong()).toList()).contains(id);
        assertThat(handover.get("logSinceLastHandover").valueStream().map(l -> l.get("content").asString()).toList())
                .anySatisfy(c -> assertThat(c).contains("暴雨黄色预警"));
        admin.post("/api/command/duty/handover", Map.of("content", "交班：道路塌方处置中"));
        assertThat(admin.get("/api/command/duty/handover").json().get("logSinceLastHandover").size()).isZero();

        assertThat(admin.put("/api/command/incidents/" + id + "/review", Map.of("findings", "x")).status()).isEqualTo(409);
        assertThat(admin.post("/api/command/incidents/" + id + "/close", Map.of("summary", "塌方已清理，道路恢复通行"))
                .json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(admin.post("/api/command/incidents/" + id + "/notes", Map.of("text", "晚到的备注")).status()).isEqualTo(201);
        assertThat(admin.post("/api/command/incidents/" + id + "/activations", Map.of("planId", planId("地质灾害"),
                "level", "IV")).status()).isEqualTo(409);
        assertThat(admin.put("/api/command/incidents/" + id + "/review", Map.of("findings", "预警响应及时；边坡监测覆盖不足"))
                .status()).isEqualTo(200);
        long item = admin.post("/api/command/incidents/" + id + "/follow-ups", Map.of("item", "增设边坡位移监测点",
                "departmentName", "自贡市自然资源和规划局", "dueDate", today)).json().get("id").asLong();
        assertThat(admin.post("/api/command/incidents/" + id + "/follow-ups/" + item + "/close", Map.of()).status())
                .isEqualTo(400);
        assertThat(admin.post("/api/command/incidents/" + id + "/follow-ups/" + item + "/close",
                Map.of("closingNote", "已安装 3 处 GNSS 监测点")).json().get("status").asString()).isEqualTo("DONE");
        assertThat(admin.get("/api/command/incidents/" + id + "/review").json().get("followUps").get(0).get("status")
                .asString()).isEqualTo("DONE");
    }
}
