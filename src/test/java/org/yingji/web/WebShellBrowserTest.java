package org.yingji.web;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The key flows of the web shell in a real browser: first sign-in, the city map, the admin screens. */
@PlatformTest
class WebShellBrowserTest {

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsBrowserAndBuiltWebApp() {
        Browser.requireChromiumAndWebApp();
    }

    @Test
    void firstSignInChangesThePasswordAndShowsTheSixCountiesOnTheMap() throws Exception {
        Api admin = TestUsers.admin(port);
        String username = TestUsers.uniqueName("browser");
        String initial = admin.post("/api/users", Map.of("username", username, "displayName", "值班长",
                "role", "COMMANDER", "regionCode", "510300")).json().get("initialPassword").asString();

        try (Browser browser = new Browser(port)) {
            browser.open("/login");
            browser.type("login-username", username);
            browser.type("login-password", initial);
            browser.screenshot("01-login");
            browser.click("#login-submit");

            browser.waitForPath("/change-password");
            browser.type("cp-current", initial);
            browser.type("cp-new", "Browser-Pass-2026");
            browser.type("cp-confirm", "Browser-Pass-2026");
            browser.click("#cp-submit");

            browser.waitForPath("/map");
            List<WebElement> counties = browser.waitForAll("#county-list .county-item", 6);
            String text = String.join(" ", counties.stream().map(WebElement::getText).toList());
            assertThat(text).contains("自流井区", "贡井区", "大安区", "沿滩区", "荣县", "富顺县");
            Thread.sleep(1500); // let OpenLayers finish drawing before the picture is taken
            assertThat(browser.screenshot("02-map")).exists();
        }
    }

    @Test
    void anAdminFindsUsersAndVerifiesTheAuditChain() throws Exception {
        TestUsers.admin(port);
        try (Browser browser = new Browser(port)) {
            browser.open("/login");
            browser.type("login-username", "admin");
            browser.type("login-password", TestUsers.ADMIN_PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/map");

            browser.open("/admin/users");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "系统管理员"));
            browser.screenshot("03-users");

            browser.open("/admin/audit");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "auth.login"));
            browser.click("#audit-verify");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "完整"));
            browser.screenshot("04-audit");
        }
    }
}
