package org.yingji.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, with the flags this closed network needs. */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final WebDriverWait wait;
    private final String base;

    Browser(int port) throws IOException {
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=zh-CN",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        base = "http://localhost:" + port;
    }

    /** Web Mercator metres of a lon/lat, as a JavaScript prelude defining x and y from arguments[0..1]. */
    private static final String MERCATOR = """
            const x = arguments[0] * 20037508.342789244 / 180;
            const y = Math.log(Math.tan((90 + arguments[1]) * Math.PI / 360)) / (Math.PI / 180) * 20037508.342789244 / 180;
            """;

    /** Centres the page's OpenLayers map (window.__yingjiMap) on a lon/lat at a zoom. */
    void centerMap(double lon, double lat, int zoom) {
        ((JavascriptExecutor) driver).executeScript(MERCATOR + """
                window.__yingjiMap.getView().setCenter([x, y]);
                window.__yingjiMap.getView().setZoom(arguments[2]);""", lon, lat, zoom);
    }

    /** Moves the mouse over a lon/lat of the map in element {@code mapId}, ready to click. */
    Actions overMap(String mapId, double lon, double lat) {
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) ((JavascriptExecutor) driver).executeScript(MERCATOR
                + "return window.__yingjiMap.getPixelFromCoordinate([x, y]);", lon, lat);
        WebElement map = driver.findElement(By.id(mapId));
        return new Actions(driver).moveToElement(map, pixel.get(0).intValue() - map.getRect().getWidth() / 2,
                pixel.get(1).intValue() - map.getRect().getHeight() / 2);
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Fails a browser test class at once, with the reason, when chromium or the built web app is missing. */
    static void requireChromiumAndWebApp() {
        assertTrue(available(),
                "Debian chromium and chromium-driver must be installed (.ci/run does it)");
        assertTrue(Files.exists(Path.of("target/classes/static/index.html")),
                "the web app must be built into target/classes/static (mvn without -DskipFrontend)");
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** The native input of an Element Plus field whose id is given (id may sit on the input or its wrapper). */
    WebElement input(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input#" + id + ", #" + id + " input")));
    }

    void type(String id, String text) {
        WebElement input = input(id);
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Clicks once the element can take it: a toast or a dialog fading out may lie over it for a moment (the click
     * is then "intercepted"), and a list re-rendering may swap it for a new element (stale), so it tries again.
     */
    void click(String cssSelector) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(cssSelector)).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    void waitForPath(String path) {
        wait.until(ExpectedConditions.urlToBe(base + path));
    }

    List<WebElement> waitForAll(String cssSelector, int atLeast) {
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(cssSelector), atLeast - 1));
        return driver.findElements(By.cssSelector(cssSelector));
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
