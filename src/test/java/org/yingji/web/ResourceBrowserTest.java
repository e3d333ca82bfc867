package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import org.yingji.resources.ResourceImportTestSheets;

/** The "one map" and the resource screens in a real browser. */
@PlatformTest
class ResourceBrowserTest {

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    static void signInAsAdmin(Browser browser) {
        browser.open("/login");
        browser.type("login-username", "admin");
        browser.type("login-password", TestUsers.ADMIN_PASSWORD);
        browser.click("#login-submit");
        browser.waitForPath("/map");
    }

    @Test
    void theFireStationLayerShowsAStationAndItsDetails() throws Exception {
        TestUsers.admin(port);
        try (Browser browser = new Browser(port)) {
            signInAsAdmin(browser);
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            browser.click("#layer-fire-stations");
            browser.wait.until(d -> js.executeScript(
                    "return window.__yingjiLayerTimings && window.__yingjiLayerTimings['fire-stations']") != null);
            Object renderMs = js.executeScript("return window.__yingjiLayerTimings['fire-stations']");
            System.out.println("fire-station layer rendered in " + renderMs + " ms");
            browser.screenshot("10-fire-stations");

            // Zoom to the station, then click it where the map draws it.
            Api admin = TestUsers.admin(port);
            var station = admin.get("/api/resources/fire-stations?q=" + java.net.URLEncoder.encode("仲权",
                    java.nio.charset.StandardCharsets.UTF_8)).json().get("items").get(0);
            double lon = station.get("lon").asDouble();
            double lat = station.get("lat").asDouble();
            js.executeScript("""
                    const map = window.__yingjiMap;
                    const x = arguments[0] * 20037508.342789244 / 180;
                    const y = Math.log(Math.tan((90 + arguments[1]) * Math.PI / 360)) / (Math.PI / 180) * 20037508.342789244 / 180;
                    map.getView().setCenter([x, y]);
                    map.getView().setZoom(14);""", lon, lat);
            browser.wait.until(d -> Boolean.TRUE.equals(js.executeScript("""
                    const map = window.__yingjiMap;
                    return !map.getView().getAnimating() && map.getView().getZoom() === 14;""")));
            Thread.sleep(1500); // the layer reloads for the new view and re-clusters
            @SuppressWarnings("unchecked")
            List<Number> pixel = (List<Number>) js.executeScript("""
                    const map = window.__yingjiMap;
                    const x = arguments[0] * 20037508.342789244 / 180;
                    const y = Math.log(Math.tan((90 + arguments[1]) * Math.PI / 360)) / (Math.PI / 180) * 20037508.342789244 / 180;
                    return map.getPixelFromCoordinate([x, y]);""", lon, lat);
            WebElement mapElement = browser.driver.findElement(By.id("map"));
            org.openqa.selenium.Rectangle rect = mapElement.getRect();
            new Actions(browser.driver)
                    .moveToElement(mapElement, pixel.get(0).intValue() - rect.getWidth() / 2,
                            pixel.get(1).intValue() - rect.getHeight() / 2)
                    .click().perform();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resource-popup"), "仲权乡镇消防站"));
            assertThat(browser.driver.findElement(By.id("resource-popup")).getText()).contains("消防救援站");
            browser.screenshot("11-station-popup");
        }
    }

    @Test
    void anImportWithOneBadRowShowsThatRowAndImportsNothing() throws Exception {
        Api admin = TestUsers.admin(port);
        String prefix = TestUsers.uniqueName("浏览器避难所");
        byte[] sheet = ResourceImportTestSheets.shelters(admin, List.of(
                new String[]{prefix + "-1", "510321", "104.42", "29.45", "Ⅰ类(长期)", "2000", "15000"},
                new String[]{prefix + "-2", "510321", "104.43", "29.46", "Ⅲ类(短期)", "-5", "800"}));
        Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "shelters-", ".xlsx");
        Files.write(file, sheet);
        try (Browser browser = new Browser(port)) {
            signInAsAdmin(browser);
            browser.open("/resources/shelters");
            browser.click("#res-import");
            WebElement input = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("res-import-file")));
            input.sendKeys(file.toString());
            browser.click("#res-import-start");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#res-import-result[data-state='FAILED']")));
            String errors = browser.driver.findElement(By.id("res-import-errors")).getText();
            assertThat(errors).contains("3").contains("可容纳人数").contains("不能为负数");
            assertThat(browser.driver.findElement(By.id("res-import-nothing")).isDisplayed()).isTrue();
            browser.screenshot("12-import-errors");
        }
        assertThat(admin.get("/api/resources/shelters?q=" + prefix).json().get("total").asInt()).isZero();
    }
}
