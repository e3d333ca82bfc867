package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
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

/** An enterprise reports a hazard with a photo; the regulator sees it on the dashboard and the map. */
@PlatformTest
class SafetyBrowserTest {

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    @Test
    void anEnterpriseReportsAHazardWithAPhotoAndTheRegulatorSeesIt() throws Exception {
        Api admin = TestUsers.admin(port);
        String enterpriseName = TestUsers.uniqueName("晨光新材料");
        Map<String, Object> enterprise = org.yingji.safety.SafetyTestDataAccess.enterprise(enterpriseName, "510322", 105.0, 29.18);
        long enterpriseId = admin.post("/api/safety/enterprises", enterprise).json().get("id").asLong();
        admin.post("/api/safety/enterprises/" + enterpriseId + "/risk-points", Map.of("name", "氯气储罐",
                "hazardFactors", "泄漏中毒", "controls", "双人双锁", "method", "MATRIX", "likelihood", 4, "severity", 5));
        String username = TestUsers.uniqueName("entweb");
        TestUsers.user(port, admin, username, "ENTERPRISE_USER", "510322");
        long userId = admin.get("/api/users?q=" + username).json().get("items").get(0).get("id").asLong();
        admin.post("/api/safety/enterprises/" + enterpriseId + "/members", Map.of("userId", userId));

        Path photo = Files.createTempFile(Path.of("target").toAbsolutePath(), "hazard-", ".png");
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().setColor(Color.ORANGE);
        image.getGraphics().fillRect(8, 8, 40, 30);
        ImageIO.write(image, "png", photo.toFile());
        String title = "储罐区报警器失效-" + TestUsers.uniqueName("t");

        try (Browser browser = new Browser(port)) {
            browser.open("/login");
            browser.type("login-username", username);
            browser.type("login-password", TestUsers.passwordOf(username));
            browser.click("#login-submit");
            browser.waitForPath("/map");
            browser.open("/safety/hazards");
            browser.click("#hazard-report");
            browser.type("hazard-form-title", title);
            WebElement description = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("textarea#hazard-form-description, #hazard-form-description textarea")));
            description.sendKeys("可燃气体报警器无响应");
            // Element Plus puts the id on the select's hidden input: open the select by its wrapper.
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[@id='hazard-form-category']/ancestor::div[contains(@class,'el-select__wrapper')]"))).click();
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//div[contains(@class,'el-popper') and not(contains(@style,'display: none'))]//li[contains(.,'危化品储存')]")))
                    .click();
            browser.driver.findElement(By.id("hazard-form-photo")).sendKeys(photo.toString());
            browser.screenshot("20-hazard-form");
            browser.click("#hazard-form-submit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hazard-table"), title));
            browser.screenshot("21-hazard-list");
        }

        JsonNode hazard = admin.get("/api/safety/hazards?enterpriseId=" + enterpriseId).json().get("items").get(0);
        assertThat(hazard.get("title").asString()).isEqualTo(title);
        assertThat(hazard.get("foundBy").asString()).isEqualTo("SELF_INSPECTION");
        JsonNode detail = admin.get("/api/safety/hazards/" + hazard.get("id").asLong()).json();
        assertThat(detail.get("photoIds").size()).isEqualTo(1);

        try (Browser browser = new Browser(port)) {
            ResourceBrowserTest.signInAsAdmin(browser);
            browser.open("/safety/dashboard");
            WebElement open = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kpi-open")));
            browser.wait.until(d -> !open.getText().isBlank() && !open.getText().equals("0"));
            browser.screenshot("22-safety-dashboard");

            browser.open("/safety/enterprises?id=" + enterpriseId);
            browser.click("#tab-members");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-table"), username));
            browser.screenshot("24-enterprise-members");

            browser.open("/map");
            browser.click("#layer-enterprise-risk");
            browser.centerMap(105.0, 29.18, 16);
            Thread.sleep(2000);
            browser.overMap("map", 105.0, 29.18).click().perform();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("enterprise-popup"), enterpriseName));
            browser.screenshot("23-four-colour-map");
        }
    }
}
