package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration;
import org.yingji.TestUsers;
import org.yingji.monitoring.MonitoringTestSheets;
import tools.jackson.databind.JsonNode;

/** The storm scenario turns 双溪水库 red on the map, live, and its alarm appears in the console and is acknowledged. */
@PlatformTest
class MonitoringBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    static final String LEVEL_ON_MAP = """
            const layer = window.__yingjiMap.getLayers().getArray().find(l => l.get('name') === 'monitoring-stations');
            const f = layer && layer.getSource().getFeatureById('station:' + arguments[0]);
            return f ? f.get('level') : null;""";

    @Test
    void stormTurnsAStationRedOnTheMapAndTheAlarmAppearsInTheConsole() throws Exception {
        Api admin = TestUsers.admin(port);
        long stationId = admin.get("/api/monitoring/stations?q=双溪水库").json().get("items").get(0).get("id").asLong();
        calmDown(admin);
        assertThat(admin.get("/api/monitoring/stations/" + stationId).json().get("level").asString()).isNotEqualTo("RED");

        try (Browser browser = new Browser(port)) {
            signIn(browser);
            browser.click("#layer-monitoring");
            browser.wait.until(d -> !"0".equals(d.findElement(By.id("monitoring-count")).getText()));
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            js.executeScript("""
                    const [x, y] = [arguments[0] * 20037508.34 / 180,
                        Math.log(Math.tan((90 + arguments[1]) * Math.PI / 360)) / (Math.PI / 180) * 20037508.34 / 180];
                    window.__yingjiMap.getView().setCenter([x, y]);
                    window.__yingjiMap.getView().setZoom(11);""", 104.41, 29.47);
            assertThat(js.executeScript(LEVEL_ON_MAP, stationId)).isNotEqualTo("RED");
            browser.screenshot("40-monitoring-map-before-storm");

            // the storm: the simulator publishes over MQTT; the map turns red without a reload
            assertThat(admin.post("/api/monitoring/simulator/storm", Map.of()).status()).isEqualTo(202);
            browser.wait.until(d -> "RED".equals(js.executeScript(LEVEL_ON_MAP, stationId)));
            browser.wait.until(d -> !"0".equals(d.findElement(By.id("monitoring-count-RED")).getText()));
            Thread.sleep(500); // let OpenLayers paint the new colour for the screenshot
            browser.screenshot("41-monitoring-map-storm-red");

            browser.open("/monitoring/alarms");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alarm-table"), "双溪水库"));
            long alarmId = admin.get("/api/monitoring/alarms?state=RAISED&level=RED&q=RES-SHUANGXI-WL").json()
                    .get("items").get(0).get("id").asLong();
            // the storm raises more alarms than one page holds: find this one by its sensor
            browser.type("alarm-search", "RES-SHUANGXI-WL");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alarm-ack-" + alarmId)));
            assertThat(browser.driver.findElement(By.cssSelector("[data-alarm-id='" + alarmId + "']"))
                    .getAttribute("data-level")).isEqualTo("RED");
            browser.screenshot("42-monitoring-console-storm");

            browser.click("#alarm-ack-" + alarmId);
            browser.driver.findElement(By.cssSelector("#alarm-comment-input, #alarm-comment-input textarea"));
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("textarea#alarm-comment-input, #alarm-comment-input textarea"))).sendKeys("已电话通知水库管理站");
            browser.click("#alarm-dialog-confirm");
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("alarm-ack-" + alarmId)));
            assertThat(admin.get("/api/monitoring/alarms/" + alarmId).json().get("alarm").get("state").asString())
                    .isEqualTo("ACKNOWLEDGED");

            // 指派给我 with a comment; the row, the drawer and the "assigned to me" filter show it
            var me = admin.get("/api/auth/me").json();
            long myId = me.get("id").asLong();
            String myName = me.get("displayName").asString();
            browser.click("#alarm-assign-" + alarmId);
            browser.click("#alarm-assign-me");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("textarea#alarm-comment-input, #alarm-comment-input textarea"))).sendKeys("请跟进水位");
            browser.click("#alarm-dialog-confirm");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".alarm-assignee[data-alarm-id='" + alarmId + "']"), myName));
            var assigned = admin.get("/api/monitoring/alarms/" + alarmId).json();
            assertThat(assigned.get("alarm").get("assigneeId").asLong()).isEqualTo(myId);
            assertThat(assigned.get("steps").toString()).contains("ASSIGNED").contains("请跟进水位");
            browser.click("#alarm-mine-filter");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alarm-row-" + alarmId)));
            browser.click("#alarm-row-" + alarmId);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alarm-detail-assignee"), myName));
            browser.screenshot("44-monitoring-alarm-assigned-to-me");

            // hand it on to a duty officer of 荣县 (510321): found by name in the dialog's search, which lists only
            // people who may handle this alarm, with their department and region
            String officer = TestUsers.uniqueName("rongduty");
            TestUsers.user(port, admin, officer, "DUTY_OFFICER", "510321");
            String officerName = "测试" + officer;
            browser.click("#alarm-detail-assign");
            WebElement select = browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[@id='alarm-assignee-select']/ancestor::div[contains(@class,'el-select__wrapper')]")));
            select.click();
            // the search input gets its width only once the select has opened
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alarm-assignee-select")))
                    .sendKeys(officer);
            // opening lists everyone first; wait for the answer to the typed name (only the officer), not that one
            // (the list re-renders while the answer comes in: an option read at that moment is stale, so look again)
            browser.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.cssSelector("li[data-assignee]")).stream()
                    .filter(WebElement::isDisplayed).map(li -> li.getAttribute("data-assignee")).toList()
                    .equals(List.of(officer)));
            WebElement option = browser.driver.findElement(By.cssSelector("li[data-assignee='" + officer + "']"));
            assertThat(option.getText()).contains(officerName).contains("值班员").contains("荣县");
            browser.screenshot("48-monitoring-assign-search");
            option.click();
            browser.click("#alarm-dialog-confirm");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alarm-detail-assignee"), officerName));
            assertThat(admin.get("/api/monitoring/alarms/" + alarmId).json().get("alarm").get("assigneeName").asString())
                    .isEqualTo(officerName);

            browser.open("/monitoring/stations/" + stationId);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("station-level"), "data-level", "RED"));
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-sensor='RES-SHUANGXI-WL'] canvas")));
            // the storm's ramp is a few readings seconds apart: no trend, no "预计 1 分钟后…", but 数据不足
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-sensor='RES-SHUANGXI-WL'] .sensor-trend-insufficient")));
            assertThat(browser.driver.findElement(By.cssSelector("[data-sensor='RES-SHUANGXI-WL'] .sensor-trend-insufficient"))
                    .getText()).contains("数据不足");
            assertThat(browser.driver.findElements(By.cssSelector("[data-sensor='RES-SHUANGXI-WL'] .sensor-forecast"))).isEmpty();
            assertThat(admin.get("/api/monitoring/alarms/" + alarmId).json().get("alarm").hasNonNull("forecast")).isFalse();
            Thread.sleep(800);
            browser.screenshot("43-monitoring-station-trend");
        }
    }

    @Test
    void aThresholdRuleIsAddedInTheDialogWithItsLinesCheckedInOrder() throws Exception {
        Api admin = TestUsers.admin(port);
        String code = TestUsers.uniqueName("RULE").toUpperCase();
        Api.Response station = admin.post("/api/monitoring/stations", Map.of("code", code, "name", "规则测试站" + code,
                "kind", "RESERVOIR", "regionCode", "510321", "lon", 104.42, "lat", 29.48));
        assertThat(station.status()).as(station.toString()).isEqualTo(201);
        long stationId = station.json().get("id").asLong();
        String sensorCode = code + "-WL";
        assertThat(admin.post("/api/monitoring/stations/" + stationId + "/sensors",
                Map.of("code", sensorCode, "kind", "WATER_LEVEL")).status()).isEqualTo(201);
        long sensorId = admin.get("/api/monitoring/stations/" + stationId).json().get("sensors").get(0).get("id").asLong();

        try (Browser browser = new Browser(port)) {
            signIn(browser);
            browser.open("/monitoring/stations/" + stationId);
            browser.click("#rule-add-" + sensorCode);
            browser.type("rule-blue", "300.5");
            browser.type("rule-yellow", "300");
            browser.type("rule-red", "302");
            browser.click("#rule-save");
            // lines out of order for an "above" rule: refused in the form, nothing sent
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-form"), "依次升高"));
            browser.screenshot("45-monitoring-rule-dialog-order-error");
            assertThat(ruleOf(admin, sensorId)).isNull();

            // clear() does not reach Vue's v-model: select the text and type over it
            browser.input("rule-yellow").sendKeys(Keys.chord(Keys.CONTROL, "a"), "301");
            browser.type("rule-orange", "301.5");
            browser.input("rule-deadband").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.2");
            browser.screenshot("46-monitoring-rule-dialog-filled");
            browser.click("#rule-save");
            browser.wait.until(d -> ruleOf(admin, sensorId) != null);
            var rule = ruleOf(admin, sensorId);
            assertThat(rule.get("type").asString()).isEqualTo("THRESHOLD");
            assertThat(rule.get("direction").asString()).isEqualTo("ABOVE");
            assertThat(rule.get("blue").asDouble()).isEqualTo(300.5);
            assertThat(rule.get("yellow").asDouble()).isEqualTo(301);
            assertThat(rule.get("orange").asDouble()).isEqualTo(301.5);
            assertThat(rule.get("red").asDouble()).isEqualTo(302);
            assertThat(rule.get("deadband").asDouble()).isEqualTo(0.2);
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-rules-sensor='" + sensorCode + "'] [data-rule-id='" + rule.get("id").asLong() + "']")));
            browser.screenshot("47-monitoring-station-rule-added");
        }
    }

    @Test
    void aRuleFileWithBadRowsListsEveryRowOnTheStationsScreenAndImportsNothing() throws Exception {
        Api admin = TestUsers.admin(port);
        byte[] sheet = MonitoringTestSheets.filled(admin, MonitoringTestSheets.RULE_TEMPLATE, List.of(
                new Object[] {"RES-SHUANGXI-WL", null, "阈值", "高于", null, 460.0, 459.0, null, null, null, null},
                new Object[] {"NO-SUCH-SENSOR", null, "阈值", null, null, null, null, null, 5.0, null, null}));
        Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "rules-", ".xlsx");
        Files.write(file, sheet);
        int rulesBefore = admin.get("/api/monitoring/rules").json().size();
        try (Browser browser = new Browser(port)) {
            signIn(browser);
            browser.open("/monitoring/stations");
            browser.click("#rule-import"); // chooses the rule import; headless Chromium opens no file dialog
            browser.driver.findElement(By.id("monitoring-import-file")).sendKeys(file.toString());
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#station-import-errors[data-import-kind='rules']")));
            String errors = browser.driver.findElement(By.id("station-import-errors")).getText();
            assertThat(errors).contains("未导入任何数据")
                    .contains("第 2 行「黄色线」：预警线须按蓝、黄、橙、红依次升高")
                    .contains("第 3 行「传感器编码」：传感器不存在或不在您的管辖范围内");
            browser.screenshot("49-monitoring-rule-import-errors");
        }
        assertThat(admin.get("/api/monitoring/rules").json().size()).isEqualTo(rulesBefore);
    }

    private static JsonNode ruleOf(Api admin, long sensorId) {
        for (var rule : admin.get("/api/monitoring/rules").json()) {
            if (rule.hasNonNull("sensorId") && rule.get("sensorId").asLong() == sensorId) {
                return rule;
            }
        }
        return null;
    }

    private static void signIn(Browser browser) {
        browser.open("/login");
        browser.type("login-username", "admin");
        browser.type("login-password", TestUsers.ADMIN_PASSWORD);
        browser.click("#login-submit");
        browser.waitForPath("/map");
    }

    /**
     * Other tests of this shared context may have stormed already: two hours later and with normal readings the
     * station is out of red (the 1-hour rain sum is empty again).
     */
    private void calmDown(Api admin) {
        ((TestClockConfiguration.MutableClock) clock).advance(Duration.ofHours(2));
        String token = admin.post("/api/tokens", Map.of("name", TestUsers.uniqueName("calm"))).json().get("token").asString();
        String now = clock.instant().toString();
        Api.Response calm = new Api(port).withBearer(token).post("/api/ingest/readings", Map.of("readings", List.of(
                Map.of("sensor", "RES-SHUANGXI-WL", "value", 452.3, "time", now),
                Map.of("sensor", "RES-SHUANGXI-RN", "value", 0, "time", now))));
        assertThat(calm.status()).as(calm.toString()).isEqualTo(200);
    }
}
