package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * A drafter draws the warning's polygon on the map and submits it; a second user approves and publishes it and
 * sees the coverage; the public page shows it to someone who never signed in.
 */
@PlatformTest
class WarningBrowserTest {

    static final double LON = 104.765;
    static final double LAT = 29.318;

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    static void signIn(Browser browser, String username) {
        browser.open("/login");
        browser.type("login-username", username);
        browser.type("login-password", TestUsers.passwordOf(username));
        browser.click("#login-submit");
        browser.waitForPath("/map");
    }

    /** Clicks the compose map at a lon/lat, double-clicking to finish the sketch. */
    static void clickMap(Browser browser, double lon, double lat, boolean finish) {
        Actions over = browser.overMap("warning-form-map", lon, lat);
        (finish ? over.doubleClick() : over.click()).perform();
    }

    @Test
    void aDrawnWarningIsApprovedByASecondPersonPublishedAndShownToThePublic() throws Exception {
        Api admin = TestUsers.admin(port);
        String drafter = TestUsers.uniqueName("wdraft");
        String approver = TestUsers.uniqueName("wapprove");
        TestUsers.user(port, admin, drafter, "DEPARTMENT_USER", "510300");
        Api approverApi = TestUsers.user(port, admin, approver, "COMMANDER", "510300");
        approverApi.post("/api/warning/subscription", Map.of("regionCode", "510302001002", "lon", LON, "lat", LAT));
        String headline = "自流井城区暴雨橙色预警-" + TestUsers.uniqueName("b");

        try (Browser browser = new Browser(port)) {
            signIn(browser, drafter);
            browser.open("/warning/new");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("warning-form-map")));
            browser.centerMap(LON, LAT, 13);
            Thread.sleep(800);
            clickMap(browser, LON - 0.02, LAT - 0.015, false);
            clickMap(browser, LON + 0.02, LAT - 0.015, false);
            clickMap(browser, LON + 0.02, LAT + 0.015, false);
            clickMap(browser, LON - 0.02, LAT + 0.015, true);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("warning-form-area-state"), "4"));
            browser.driver.findElement(By.cssSelector(".level-ORANGE")).click();
            browser.type("warning-form-headline", headline);
            browser.driver.findElement(By.cssSelector("#warning-form-description, textarea#warning-form-description"))
                    .sendKeys("预计未来 6 小时城区累计降雨 80 毫米以上，局地伴有雷电大风。");
            browser.driver.findElement(By.cssSelector("textarea#warning-form-instruction, #warning-form-instruction"))
                    .sendKeys("减少外出，远离河道、低洼地带和危险建筑，地下车库车辆及时转移。");
            browser.screenshot("50-warning-compose");
            browser.click("#warning-form-submit");
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("warning-detail-state"), "data-state", "SUBMITTED"));
            browser.screenshot("51-warning-submitted");
        }
        JsonNode warning = admin.get("/api/warnings?q=" + headline).json().get("items").get(0);
        long id = warning.get("id").asLong();
        assertThat(warning.get("level").asString()).isEqualTo("ORANGE");
        assertThat(warning.get("area").get("type").asString()).isEqualTo("MultiPolygon");

        try (Browser browser = new Browser(port)) {
            signIn(browser, approver);
            browser.open("/warning/" + id);
            browser.click("#warning-approve");
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("warning-detail-state"), "data-state", "APPROVED"));
            browser.click("#warning-publish");
            browser.click(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary");
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("warning-detail-state"), "data-state", "PUBLISHED"));
            WebElement percent = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("coverage-percent")));
            browser.wait.until(d -> d.findElement(By.id("coverage-dispatch")).getText().contains("目标对象"));
            assertThat(percent.getText()).endsWith("%");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt-channels"), "app"));
            browser.screenshot("52-warning-published-coverage");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('warning-receipts').scrollIntoView()");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt-table"), "app"));
            browser.screenshot("54-warning-receipts");
            browser.open("/warning/recipients");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recipient-table"), "客户端订阅"));
            browser.screenshot("55-warning-recipients");
        }

        try (Browser browser = new Browser(port)) {
            browser.open("/public/");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("public-warnings"), headline));
            assertThat(browser.driver.findElement(By.id("public-warnings")).getText()).contains("减少外出");
            Thread.sleep(1000);
            browser.screenshot("53-public-page");
        }

        // A change of the published warning waits for a second person's review, like the first publication.
        String changedHeadline = headline + "（更新）";
        Map<String, Object> change = new java.util.HashMap<>();
        for (String field : List.of("eventType", "level", "description", "instruction", "senderDepartment")) {
            change.put(field, warning.get(field).asString());
        }
        change.put("area", warning.get("area"));
        change.put("headline", changedHeadline);
        assertThat(approverApi.post("/api/warnings/" + id + "/update", change).status()).isEqualTo(200);
        try (Browser browser = new Browser(port)) {
            signIn(browser, approver);
            browser.open("/warning/" + id);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("warning-pending-update"), "data-state",
                    "SUBMITTED"));
            assertThat(browser.driver.findElement(By.id("warning-pending-update")).getText())
                    .contains(changedHeadline, "须由他人审核");
            assertThat(browser.driver.findElements(By.id("warning-update-approve"))).isEmpty();
            assertThat(browser.driver.findElements(By.id("warning-update-publish"))).isEmpty();
            browser.screenshot("56-warning-update-pending");
            assertThat(admin.post("/api/warnings/" + id + "/update/approve", null).status()).isEqualTo(200);
            browser.open("/warning/" + id);
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("warning-pending-update"), "data-state",
                    "APPROVED"));
            browser.click("#warning-update-publish");
            browser.click(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("warning-detail-headline"),
                    changedHeadline));
            assertThat(browser.driver.findElements(By.id("warning-pending-update"))).isEmpty();
            browser.screenshot("57-warning-update-published");
        }
        assertThat(admin.get("/api/warnings/" + id).json().get("msgType").asString()).isEqualTo("Update");
    }
}
