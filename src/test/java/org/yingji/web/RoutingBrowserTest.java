package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.TestUsers;
import org.yingji.routing.RoadGridContext;
import tools.jackson.databind.JsonNode;

/** The 5-minute response circle and nearest-by-time in a real browser, on the synthetic road grid. */
class RoutingBrowserTest extends RoadGridContext {

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    /** Clicks the map of the page at a WGS84 point, through the OpenLayers map the page exposes. */
    static void clickMapAt(Browser browser, String mapId, String mapVariable, double lon, double lat) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) js.executeScript("""
                const map = window[arguments[2]];
                const x = arguments[0] * 20037508.342789244 / 180;
                const y = Math.log(Math.tan((90 + arguments[1]) * Math.PI / 360)) / (Math.PI / 180) * 20037508.342789244 / 180;
                return map.getPixelFromCoordinate([x, y]);""", lon, lat, mapVariable);
        WebElement mapElement = browser.driver.findElement(By.id(mapId));
        org.openqa.selenium.Rectangle rect = mapElement.getRect();
        new Actions(browser.driver)
                .moveToElement(mapElement, pixel.get(0).intValue() - rect.getWidth() / 2,
                        pixel.get(1).intValue() - rect.getHeight() / 2)
                .click().perform();
    }

    @Test
    void aCandidateStationRaisesTheFiveMinuteCoverage() throws Exception {
        Api admin = TestUsers.admin(port);
        awaitGraph(admin);
        JsonNode township = admin.get("/api/routing/coverage").json().get("uncovered").get(0);
        try (Browser browser = new Browser(port)) {
            ResourceBrowserTest.signInAsAdmin(browser);
            assertThat(browser.driver.findElements(By.cssSelector("[data-menu='/routing/coverage']"))).isNotEmpty();
            browser.open("/routing/coverage");
            WebElement share = browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#cov-share[data-stations='14']")));
            double before = Double.parseDouble(share.getAttribute("data-before"));
            assertThat(before).isBetween(0.0, 0.9);
            assertThat(browser.driver.findElements(By.id("cov-estimate"))).isEmpty();
            assertThat(browser.driver.findElement(By.id("cov-basis")).getText()).contains("按路网计算").contains("synthetic-zigong-grid.osm");
            assertThat(browser.driver.findElement(By.id("cov-kpi-population")).getText()).contains("%");
            Thread.sleep(800); // the area is drawn on the next frame
            browser.screenshot("30-coverage-seeded-stations");

            browser.click("#cov-add-candidate");
            clickMapAt(browser, "cov-map", "__yingjiCoverageMap", township.get("lon").asDouble(),
                    township.get("lat").asDouble());
            WebElement after = browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#cov-share:not([data-after=''])")));
            double afterShare = Double.parseDouble(after.getAttribute("data-after"));
            assertThat(afterShare).isGreaterThan(before);
            assertThat(browser.waitForAll(".cov-candidate", 1)).hasSize(1);
            assertThat(Long.parseLong(browser.driver.findElement(By.cssSelector(".cov-candidate .gain"))
                    .getAttribute("data-added"))).isPositive();
            Thread.sleep(800);
            browser.screenshot("31-coverage-with-candidate");
        }
    }

    @Test
    void theNearestToolRanksByDrivingTimeAndDrawsTheRoute() throws Exception {
        Api admin = TestUsers.admin(port);
        awaitGraph(admin);
        try (Browser browser = new Browser(port)) {
            ResourceBrowserTest.signInAsAdmin(browser);
            browser.wait.until(d -> ((JavascriptExecutor) d).executeScript("return !!window.__yingjiMap") != null);
            browser.click("#nearest-tool");
            Thread.sleep(500);
            clickMapAt(browser, "map", "__yingjiMap", 104.78, 29.34);
            List<WebElement> items = browser.waitForAll(".nearest-item", 1);
            double previous = 0;
            for (WebElement item : items) {
                double seconds = Double.parseDouble(item.getAttribute("data-seconds"));
                assertThat(seconds).isGreaterThanOrEqualTo(previous);
                previous = seconds;
            }
            assertThat(browser.driver.findElements(By.id("nearest-estimate"))).isEmpty();
            assertThat(browser.driver.findElement(By.cssSelector(".nearest-time")).getText()).contains("分钟");
            Thread.sleep(1000); // the route of the first result arrives and is drawn
            browser.screenshot("32-nearest-by-driving-time");
        }
    }
}
