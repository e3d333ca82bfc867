package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** The command flow's key clicks: red alarm → one-click incident → plan Ⅲ → tasks → dispatch → warning → sitrep. */
@PlatformTest
class CommandBrowserTest {

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    @Test
    void aDutyOfficerRunsAFloodFromTheRedAlarmToTheSitrep() throws Exception {
        Api admin = TestUsers.admin(port);
        double lon = 104.7650;
        double lat = 29.3520;
        Map<String, Object> team = new HashMap<>(Map.of("name", TestUsers.uniqueName("舒坪水域救援队"), "regionCode", "510302",
                "lon", lon + 0.003, "lat", lat, "status", "AVAILABLE", "attributes", Map.of("teamKind", "PROFESSIONAL",
                        "specialties", List.of("WATER"), "headcount", 20, "leader", "陈队长", "phone", "13800005555")));
        String teamName = (String) team.get("name");
        assertThat(admin.post("/api/resources/rescue-teams", team).status()).isEqualTo(201);
        Map<String, Object> warehouse = new HashMap<>(Map.of("name", TestUsers.uniqueName("舒坪物资储备库"),
                "regionCode", "510302", "lon", lon + 0.002, "lat", lat,
                "attributes", Map.of("level", "COUNTY", "keeper", "赵库管", "phone", "13800003333")));
        long warehouseId = admin.post("/api/resources/warehouses", warehouse).json().get("id").asLong();
        long tent = admin.get("/api/supply-items").json().valueStream()
                .filter(i -> i.get("code").asString().equals("TENT")).findFirst().orElseThrow().get("id").asLong();
        assertThat(admin.put("/api/warehouses/" + warehouseId + "/stock/" + tent, Map.of("quantity", 100)).status()).isEqualTo(200);
        String alarmId = "ALM-WEB-" + System.nanoTime();
        Api.Response alarm = admin.post("/api/command/alarms", Map.of("alarmId", alarmId, "sensor", "旭水河贡井水位站",
                "sensorKind", "WATER_LEVEL", "level", "RED", "message", "水位超保证", "regionCode", "510302",
                "lon", lon, "lat", lat, "raisedAt", Instant.now().minusSeconds(600).toString()));
        assertThat(alarm.status()).as(alarm.toString()).isEqualTo(201);

        // A real open alarm nearby, from the monitoring module, for the command screen's map.
        String suffix = TestUsers.uniqueName("m");
        long stationId = admin.post("/api/monitoring/stations", Map.of("code", "XS-" + suffix, "name", "旭水河上游水位站",
                "kind", "RESERVOIR", "regionCode", "510302", "lon", lon - 0.004, "lat", lat)).json().get("id").asLong();
        long sensorId = admin.post("/api/monitoring/stations/" + stationId + "/sensors", Map.of("code", "WL-" + suffix,
                "kind", "WATER_LEVEL", "name", "水位")).json().get("id").asLong();
        admin.post("/api/monitoring/rules", Map.of("sensorId", sensorId, "type", "THRESHOLD", "direction", "ABOVE",
                "blue", 288.0, "yellow", 289.0, "orange", 290.0, "red", 291.0, "deadband", 0.2));
        assertThat(admin.post("/api/ingest/readings", Map.of("readings", List.of(Map.of("sensor", "WL-" + suffix,
                "value", 291.6, "time", Instant.now().toString())))).status()).isEqualTo(200);

        try (Browser browser = new Browser(port)) {
            ResourceBrowserTest.signInAsAdmin(browser);
            browser.open("/command/duty");
            WebElement row = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-alarm='" + alarmId + "']")));
            browser.screenshot("30-duty-pending-red-alarm");
            // The outgoing officer hands over: the dialog shows the server's snapshot with the red alarm, and the
            // history keeps what was handed over.
            String note = "交班：" + TestUsers.uniqueName("旭水河红色报警待处置");
            browser.click("#handover-open");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#handover-dialog [data-alarm='" + alarmId + "']")));
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handover-note"))).sendKeys(note);
            browser.screenshot("30a-handover-dialog");
            browser.click("#handover-submit");
            WebElement record = browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[@id='handover-history']//*[contains(@class,'el-collapse-item__header')][contains(.,'" + note + "')]")));
            record.click();
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#handover-history [data-alarm='" + alarmId + "']")));
            browser.screenshot("30b-handover-history");
            row = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".alarm[data-alarm='" + alarmId + "']")));
            row.findElement(By.cssSelector(".open-from-alarm")).click();
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("command-screen")));
            String path = browser.driver.getCurrentUrl().replaceAll(".*/command/incidents/", "");
            long id = Long.parseLong(path.replaceAll("[^0-9].*", ""));
            assertThat(browser.driver.findElement(By.id("incident-title")).getText()).contains("旭水河贡井水位站");

            // The information officer's first report arrives: the screen's grade moves to Ⅲ live.
            Map<String, Object> report = new HashMap<>(Map.of("kind", "FIRST", "regionCode", "510302001000",
                    "reportedAt", Instant.now().toString(), "dead", 3, "missing", 1, "evacuated", 420));
            assertThat(admin.post("/api/command/incidents/" + id + "/loss-reports", report).status()).isEqualTo(201);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "灾情首报"));
            // The tag itself, not the rule text (which says "未达较大…" while the grade is still Ⅳ).
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#incident-grade .grade-tag"), "较大（Ⅲ级）"));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-suggestions"), "III"));
            // The map shows the open red alarm the incident came from.
            WebElement situation = browser.driver.findElement(By.id("incident-situation"));
            browser.wait.until(d -> situation.getText().contains("未消除报警") && !situation.getText().contains("未消除报警 0 个"));
            browser.screenshot("31-command-screen-graded");

            browser.open("/command/incidents/" + id);
            WebElement flood = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[@id='plan-suggestions']//tr[contains(.,'防汛抗旱')]")));
            flood.findElement(By.cssSelector(".activate-plan")).click();
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-department='自贡市水务局']")));
            browser.screenshot("32-plan-activated-task-board");

            WebElement teamRow = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[@id='team-recommendations']//tr[contains(.,'" + teamName + "')]")));
            teamRow.findElement(By.cssSelector(".dispatch-team")).click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "调派队伍：" + teamName));
            browser.screenshot("33-team-dispatched");

            // 物资调拨: pick 帐篷, the nearest warehouse is preselected; too many is refused at the field.
            browser.click("#tab-dispatch");
            chooseOption(browser, By.xpath("//*[@id='supply-item']/ancestor::div[contains(@class,'el-select__wrapper')]"), "帐篷");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("supply-warehouses"),
                    (String) warehouse.get("name")));
            browser.type("supply-quantity", "500");
            browser.click("#supply-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("supply-form"), "不能超过库存"));
            browser.type("supply-quantity", "30");
            browser.click("#supply-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dispatch-orders"), "帐篷 × 30"));
            browser.screenshot("33b-supply-dispatched");
            assertThat(admin.get("/api/warehouses/" + warehouseId + "/stock").json().valueStream()
                    .filter(l -> l.get("itemId").asLong() == tent).findFirst().orElseThrow().get("quantity").asInt()).isEqualTo(70);
            // Back from the scene: 10 of the 30 tents return to the warehouse.
            browser.driver.findElement(By.xpath("//*[@id='dispatch-orders']//tr[contains(.,'帐篷 × 30')]"))
                    .findElement(By.cssSelector(".advance-RETURNED")).click();
            browser.type("return-quantity", "10");
            browser.click("#return-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "已归建：" + warehouse.get("name")));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//*[@id='supply-warehouses']//tr[contains(.,'"
                    + warehouse.get("name") + "')]//*[contains(@class,'supply-stock')]"), "80"));
            browser.screenshot("33c-supply-returned");
            assertThat(admin.get("/api/warehouses/" + warehouseId + "/stock").json().valueStream()
                    .filter(l -> l.get("itemId").asLong() == tent).findFirst().orElseThrow().get("quantity").asInt()).isEqualTo(80);
            browser.click("#tab-activation");

            browser.click("#warning-button");
            WebElement headline = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("warning-headline")));
            assertThat(headline.getAttribute("value")).contains("黄色预警");
            browser.screenshot("34-warning-prefilled");
            browser.click("#warning-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "起草黄色预警"));
            assertThat(browser.driver.findElement(By.id("sitrep-pdf")).getAttribute("href"))
                    .endsWith("/api/command/incidents/" + id + "/sitrep.pdf");
            browser.screenshot("35-timeline-with-warning");

            JsonNode incident = admin.get("/api/command/incidents/" + id).json();
            assertThat(incident.get("state").asString()).isEqualTo("RESPONDING");
            assertThat(admin.get("/api/command/incidents/" + id + "/dispatches").json().valueStream()
                    .map(o -> o.get("resourceName").asString())).contains(teamName, (String) warehouse.get("name"));

            browser.open("/command/incidents");
            browser.click("#incident-new");
            browser.type("intake-title", "浏览器接报-" + TestUsers.uniqueName("t"));
            browser.type("intake-reporter", "刘先生");
            WebElement map = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intake-map")));
            new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(map).click().perform();
            browser.wait.until(d -> !d.findElement(By.id("intake-coords")).getText().startsWith("—"));
            browser.screenshot("36-intake-form-map-click");
            browser.click("#intake-submit");
            // Without a region the form shows the field error instead of leaving.
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#intake-form .el-form-item__error")));
            browser.screenshot("37-intake-field-error");
        }
    }

    @Test
    void aPlannerWritesANewPlanThroughTheFormWithoutJson() throws Exception {
        Api admin = TestUsers.admin(port);
        String department = TestUsers.uniqueName("自贡市商务局");
        assertThat(admin.post("/api/departments", Map.of("code", TestUsers.uniqueName("SW"), "name", department,
                "regionCode", "510300")).status()).isEqualTo(201);
        String name = TestUsers.uniqueName("自贡市烟花爆竹事故应急预案");
        String code = TestUsers.uniqueName("YA-YHBZ");

        try (Browser browser = new Browser(port)) {
            ResourceBrowserTest.signInAsAdmin(browser);
            browser.open("/command/plans");
            browser.click("#plan-new");
            browser.type("plan-form-code", code);
            browser.type("plan-form-name", name);
            chooseOption(browser, By.xpath("//*[@id='plan-form-scope']/ancestor::div[contains(@class,'el-select__wrapper')]"), "烟花爆竹事故");
            // The blank level and action card come back from the server as errors at their fields.
            browser.click("#plan-form-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-form"), "须写明启动条件"));
            browser.screenshot("38-plan-form-field-errors");

            WebElement level = browser.driver.findElement(By.cssSelector("#plan-form .plan-level"));
            level.findElement(By.cssSelector(".level-start input")).sendKeys("死亡 1 人以上或社会影响较大");
            chooseOption(browser, By.cssSelector("#plan-form .action-department .el-select__wrapper"), department);
            level.findElement(By.cssSelector(".action-text input")).sendKeys("组织商务执法力量排查烟花爆竹经营网点");
            // Each server error leaves its field once the field is filled in.
            browser.wait.until(d -> d.findElements(By.cssSelector("#plan-form .plan-level .el-form-item__error")).isEmpty());
            browser.screenshot("39-plan-form-filled");
            browser.click("#plan-form-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-list"), name));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-detail"), "组织商务执法力量"));
            browser.screenshot("40-plan-created");

            // Retire it: after confirming, it leaves the list, and comes back under 显示已归档 marked as archived.
            browser.click("#plan-archive");
            browser.click(".el-message-box__btns .el-button--danger");
            browser.wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("plan-list"), name)));
            browser.click(".plan-show-archived");
            WebElement archived = browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[@id='plan-list']//li[contains(.,'" + name + "')]")));
            assertThat(archived.getText()).contains("已归档");
            archived.click();
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-archived")));
            browser.screenshot("40b-plan-archived");
            browser.click("#plan-restore");
            browser.click(".el-message-box__btns .el-button--primary");
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("plan-archived")));
            // Never activated, so it can be deleted.
            browser.click("#plan-delete");
            browser.click(".el-message-box__btns .el-button--danger");
            browser.wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("plan-list"), name)));
            browser.screenshot("40c-plan-deleted");
        }
        assertThat(admin.get("/api/command/plans?archived=true").json().valueStream()
                .map(p -> p.get("name").asString())).doesNotContain(name);
        assertThat(admin.get("/api/audit?action=plan.create&entityType=plan").json().get("items").valueStream()
                .map(a -> a.get("after").toString())).anySatisfy(after -> assertThat(after).contains(name, department));
        for (String action : List.of("plan.archive", "plan.restore", "plan.delete")) {
            assertThat(admin.get("/api/audit?entityType=plan&action=" + action).json().get("items").valueStream()
                    .map(a -> String.valueOf(a.get("before")))).as(action).anySatisfy(b -> assertThat(b).contains(name));
        }
    }

    @Test
    void theCommandScreensReadInEnglish() throws Exception {
        Api admin = TestUsers.admin(port);
        String title = TestUsers.uniqueName("Flood at Shuping");
        Map<String, Object> intake = new HashMap<>(Map.of("title", title, "type", "FLOOD", "regionCode", "510302",
                "lon", 104.7790, "lat", 29.3390, "occurredAt", Instant.now().toString(), "reporter", "Zhang"));
        long id = admin.post("/api/command/incidents", intake).json().get("id").asLong();
        assertThat(admin.post("/api/command/incidents/" + id + "/loss-reports", new HashMap<>(Map.of("kind", "FIRST",
                "regionCode", "510302001000", "reportedAt", Instant.now().toString(), "dead", 3))).status()).isEqualTo(201);

        try (Browser browser = new Browser(port)) {
            ResourceBrowserTest.signInAsAdmin(browser);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                    .executeScript("localStorage.setItem('yingji.locale', 'en')");
            browser.open("/command/incidents");
            WebElement row = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[@id='incident-table']//tr[contains(.,'" + title + "')]")));
            assertThat(row.getText()).contains("Flood", "Relatively serious (III)").doesNotContain("洪涝", "较大");
            browser.screenshot("50-en-incident-list");

            browser.open("/command/incidents/" + id);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#incident-grade .grade-tag"), "Relatively serious (III)"));
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-suggestions")));
            // The screen's own words are English; what the server wrote (timeline, grading rule) stays Chinese.
            assertThat(browser.driver.findElement(By.cssSelector("#command-screen .head")).getText()).contains("Flood")
                    .doesNotContain("洪涝灾害", "：");
            assertThat(browser.driver.findElement(By.id("team-recommendations")).getText())
                    .doesNotContain("分钟", "估算");
            browser.screenshot("51-en-command-screen");

            browser.open("/command/plans");
            WebElement detail = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-detail")));
            browser.wait.until(d -> detail.getText().contains("Level IV response"));
            assertThat(detail.getText()).doesNotContain("级响应", "适用范围");
            assertThat(browser.driver.findElement(By.cssSelector(".plan-show-archived")).getText()).isEqualTo("Show archived");
            browser.screenshot("52-en-plans");

            browser.open("/command/duty");
            assertThat(browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handover-open"))).getText())
                    .isEqualTo("Hand over");
            browser.click("#handover-open");
            WebElement dialog = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handover-dialog")));
            browser.wait.until(d -> dialog.getText().contains(title));
            assertThat(dialog.getText()).contains("Open incidents", "Unacknowledged alarms", "Overdue tasks")
                    .doesNotContain("未结事件", "服务器快照");
            browser.screenshot("53-en-duty-handover");
        }
    }

    /** Opens a filterable Element Plus select by its wrapper and clicks the option holding the text. */
    private static void chooseOption(Browser browser, By wrapper, String text) {
        WebElement select = browser.wait.until(ExpectedConditions.elementToBeClickable(wrapper));
        select.click();
        // Filter first: a long list would leave the option scrolled under its neighbours.
        select.findElement(By.tagName("input")).sendKeys(text);
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'el-popper') and not(contains(@style,'display: none'))]//li[contains(.,'" + text + "')]")))
                .click();
    }
}
