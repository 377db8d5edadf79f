package org.doorstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the console as a person does: it types, presses keys and clicks, and finds
 * things by their label, role or words on screen. Each instance is one browser with its own profile (its
 * own cookies), so two of them are two people. Chromium and ChromeDriver come from the system
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, or {@code DOORSTEP_CHROMIUM} and
 * {@code DOORSTEP_CHROMEDRIVER}); where they are missing the browser tests are skipped, except on CI
 * ({@code CI=true}), where a missing browser fails the run.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** Where files the console offers for download land. */
    static final Path DOWNLOADS = Path.of("target", "console-downloads");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final String origin;
    private Path screenshots = SCREENSHOTS;

    private Browser(WebDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
    }

    /** A fresh browser for the application at {@code root}; skips (or fails on CI) without Chromium. */
    public static Browser open(URL root) {
        Path chromium = Path.of(env("DOORSTEP_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("DOORSTEP_CHROMEDRIVER", "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("Chromium or ChromeDriver is missing (" + chromium + ", " + chromedriver
                    + "); CI must run the browser tests: install the chromium and chromium-driver packages");
        }
        Assumptions.assumeTrue(present, "Chromium and ChromeDriver are not installed; browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=zh-CN", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-quic");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh",
                "download.default_directory", DOWNLOADS.toAbsolutePath().toString(), "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            Files.createDirectories(DOWNLOADS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toAbsolutePath().toString()));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        String origin = root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
        return new Browser(driver, origin);
    }

    /**
     * A field agent's tablet: an 8-inch Android tablet's screen (1280×800) with touch, its location shared (in
     * 心源村), and the network under the test's control. Screenshots go to target/field-screenshots.
     */
    public static Browser tablet(URL root) {
        Browser b = open(root);
        b.screenshots = Path.of("target", "field-screenshots");
        ChromeDriver d = (ChromeDriver) b.driver;
        d.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        d.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        d.executeCdpCommand("Browser.grantPermissions", Map.of("origin", b.origin, "permissions", List.of("geolocation")));
        d.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", 28.2712, "longitude", 113.8641,
                "accuracy", 12));
        d.executeCdpCommand("Network.enable", Map.of());
        return b;
    }

    /** Cuts the network off, as in a valley with no signal. */
    public Browser offline() {
        return network(true, 0, -1, -1);
    }

    /** The network back, at full speed. */
    public Browser online() {
        return network(false, 0, -1, -1);
    }

    /** A weak link: this much latency and these throughputs in bytes per second (-1: no limit). */
    public Browser network(boolean offline, int latencyMs, long uploadBytesPerSecond, long downloadBytesPerSecond) {
        ((ChromeDriver) driver).executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline,
                "latency", latencyMs, "uploadThroughput", uploadBytesPerSecond, "downloadThroughput", downloadBytesPerSecond));
        return this;
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    public WebDriver driver() {
        return driver;
    }

    public String origin() {
        return origin;
    }

    /** Opens a console address such as {@code /} or {@code /#/visits}. */
    public Browser go(String path) {
        driver.get(origin + path);
        return this;
    }

    public Browser reload() {
        driver.navigate().refresh();
        return this;
    }

    /**
     * Signs in on the sign-in screen, as a person types it, and waits for the answer: the console, or the
     * sign-in screen again with its password box emptied.
     */
    public Browser signIn(String username, String password) {
        waitFor(d -> !d.findElements(By.cssSelector(".signin")).isEmpty());
        WebElement name = field("用户名");
        name.clear();
        name.sendKeys(username);
        WebElement secret = field("密码");
        secret.sendKeys(password, Keys.ENTER);
        waitFor(d -> d.findElements(By.cssSelector(".signin")).isEmpty()
                || (secret.getDomProperty("value").isEmpty() && secret.isEnabled()
                        && d.findElement(By.cssSelector(".signin button[type=submit]")).isEnabled()));
        return this;
    }

    /**
     * Picks a day in a date box as its calendar pop-up would. Typing digits into one depends on the order
     * the browser's locale gives its parts, which a headless Chromium does not take from the page.
     */
    public void pickDate(WebElement input, java.time.LocalDate day) {
        script("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, day.toString());
    }

    /** Forgets every cookie of every path, as a new browser would have none. */
    public Browser forgetCookies() {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        return this;
    }

    /** The console's session cookie as the browser keeps it (page script cannot see it), or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> sessionCookie() {
        Map<String, Object> all = ((ChromeDriver) driver).executeCdpCommand("Network.getAllCookies", Map.of());
        return ((List<Map<String, Object>>) all.get("cookies")).stream()
                .filter(c -> "doorstep_session".equals(c.get("name"))).findFirst().orElse(null);
    }

    /** The input, select or text area whose label reads {@code label}. */
    public WebElement field(String label) {
        return waitFor(d -> {
            for (WebElement l : d.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"))) {
                if (!l.isDisplayed()) {
                    continue;
                }
                String id = l.getAttribute("for");
                if (id != null && !id.isBlank()) {
                    return d.findElement(By.id(id));
                }
                List<WebElement> inside = l.findElements(By.cssSelector("input, select, textarea"));
                if (!inside.isEmpty()) {
                    return inside.get(0);
                }
            }
            return null;
        });
    }

    /** The visible button (or button-like link) whose words are {@code text}. */
    public WebElement button(String text) {
        return waitFor(d -> d.findElements(By.xpath("//button[normalize-space(.)=" + literal(text)
                + "] | //a[contains(@class,'button') and normalize-space(.)=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The visible link whose words are {@code text}. */
    public WebElement link(String text) {
        return waitFor(d -> d.findElements(By.xpath("//a[normalize-space(.)=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until some visible element's text contains {@code text}, and returns it. */
    public WebElement text(String text) {
        return waitFor(d -> d.findElements(By.xpath("//*[not(self::script)][contains(normalize-space(.), " + literal(text)
                + ")][not(*[contains(normalize-space(.), " + literal(text) + ")])]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** True if some visible element holds the text right now (no waiting). */
    public boolean shows(String text) {
        return driver.findElements(By.xpath("//*[contains(normalize-space(.), " + literal(text) + ")]")).stream()
                .anyMatch(WebElement::isDisplayed);
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses keys on whatever has the focus, as a person at the keyboard does. */
    public Browser keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(condition, WAIT);
    }

    /** Waits this long, for what takes longer than a screen does (a day's queue on a slow link). */
    public <T> T waitFor(Function<WebDriver, T> condition, Duration within) {
        try {
            return new WebDriverWait(driver, within).ignoring(NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot = screenshot("timeout-" + System.nanoTime());
            throw new AssertionError("Waited in vain on " + driver.getCurrentUrl() + " (screenshot " + shot
                    + "); the page logged " + consoleErrors(), e);
        }
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public byte[] screenshotBytes() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    /** Keeps a screenshot under target/console-screenshots (a tablet's: field-screenshots) for a reviewer to look at. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, screenshotBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the page logged at warning level or above since the last call: script errors, refused
     * content (the Content-Security-Policy), assets that failed to load. The API's own refusals (a 401 for
     * a wrong password, a 409 for a duplicate booking) are answers the console shows, not errors of the
     * page, so they are not counted; Chromium logs each one.
     */
    public List<String> consoleErrors() {
        java.util.regex.Pattern apiRefusal = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(origin)
                + "/api/v1/\\S* - Failed to load resource: (the server responded with a status of 4\\d\\d"
                + "|net::ERR_INTERNET_DISCONNECTED)");
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(e -> !apiRefusal.matcher(e.getMessage()).find())
                // a performance hint about reading canvases back, which the accessibility checker's contrast checks cause
                .filter(e -> !e.getMessage().contains("Canvas2D: Multiple readback operations"))
                .map(LogEntry::toString).toList();
    }

    /**
     * Checks the screen as it stands with axe-core (from its webjar on the test classpath, injected by the test,
     * never served): no serious or critical accessibility violation.
     */
    public void assertAccessible(String screen) {
        String axe;
        try (java.io.InputStream in = Browser.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test classpath");
            }
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        script(axe);
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))
                  .catch((e) => done(['axe failed: ' + e]));
                """);
        assertEquals(List.of(), violations, "axe-core on " + screen);
    }

    /** Every address the page loaded something from that is not the console's own origin. */
    @SuppressWarnings("unchecked")
    public List<String> foreignLoads() {
        List<String> urls = (List<String>) script(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
        return urls.stream().filter(u -> !u.startsWith(origin + "/") && !u.startsWith("data:")).toList();
    }

    /** The page logged no error and loaded nothing from elsewhere. */
    public void assertClean() {
        assertEquals(List.of(), consoleErrors(), "the console logged errors");
        assertEquals(List.of(), foreignLoads(), "the console loaded something from another origin");
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** An XPath string literal for any text, quotes included. */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
