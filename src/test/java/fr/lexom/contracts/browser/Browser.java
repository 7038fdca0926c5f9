package fr.lexom.contracts.browser;

import fr.lexom.contracts.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's, through its chromedriver, both by path: Selenium Manager never runs) in French,
 * in Europe/Paris unless told another time zone, with a fixed window, and numbered screenshots of every step under
 * {@code target/browser-screenshots/<database>/}.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private static boolean cleaned;

    private final ChromeDriver driver;
    private final Path userDataDir;
    private final Path screenshots;
    private final String prefix;
    private int step;

    /** The zone of LEXOM's staff: a browser in France. */
    static final String PARIS = "Europe/Paris";

    Browser(String journey) {
        this(journey, "fr-FR");
    }

    /** A browser whose language is the given one ("fr-FR", or "en-US" to see what an English browser gets). */
    Browser(String journey, String language) {
        this(journey, language, PARIS);
    }

    /**
     * A browser in the given language and time zone ("Europe/Paris", "UTC"): the zone the webapps show times in, as
     * a reader's computer set to that zone would.
     */
    Browser(String journey, String language, String timeZone) {
        this(journey, language, timeZone, false);
    }

    /**
     * A browser as above; {@code phone}: a phone-sized window (390 x 844 CSS pixels, touch, a phone's user agent), as
     * participants and trainers open their links.
     */
    Browser(String journey, String language, String timeZone, boolean phone) {
        try {
            userDataDir = Files.createTempDirectory("lexom-chromium-");
            screenshots = Path.of("target", "browser-screenshots", TestDatabase.isPostgres() ? "postgres" : "h2");
            if (!cleaned) {
                // the screenshots of this run only
                if (Files.isDirectory(screenshots)) {
                    try (var files = Files.list(screenshots)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                    }
                }
                cleaned = true;
            }
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prefix = journey;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserAvailable.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + userDataDir, phone ? "--window-size=390,844" : "--window-size=1400,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language + "," + language.substring(0, 2)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserAvailable.CHROMEDRIVER.toFile()).usingAnyFreePort()
                // dates in the webapps as a reader in that zone reads them (staff in France: Europe/Paris)
                .withEnvironment(Map.of("TZ", timeZone, "LANGUAGE", "fr_FR", "LANG", "fr_FR.UTF-8", "LC_ALL", "fr_FR.UTF-8")).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        // headless Chromium keeps an en-US Intl locale whatever --lang says; form-js writes dates in that locale
        driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", language));
        // the zone also set on the page itself, whatever the zone the process picked up from its environment
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
        if (phone) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 2, "mobile", true));
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
            driver.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"));
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Saves the page as {@code <journey>-<NN>-<name>.png}; returns the file. */
    Path screenshot(String name) {
        step++;
        Path target = screenshots.resolve("%s-%02d-%s.png".formatted(prefix, step, name));
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Saves the page source beside the screenshots (what a failed step saw). */
    void saveSource(String name) {
        try {
            Files.writeString(screenshots.resolve("%s-%02d-%s.html".formatted(prefix, step, name)), driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        // Angular re-renders at will: an element gone stale is looked up again at the next try
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(condition);
    }

    WebElement visible(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return waitFor(ExpectedConditions.elementToBeClickable(by));
    }

    /** Clicks the element once clickable; looked up again if Angular replaced it meanwhile. */
    void click(By by) {
        waitFor(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return null;
            }
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
            element.click();
            return true;
        });
    }

    void moveMouseAway() {
        new Actions(driver).moveToLocation(1, 1).perform();
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The trimmed texts of the elements matching the CSS selector, read in one go (no stale elements). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());", css);
    }

    /** The visible text of the page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void forgetSession() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(userDataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder
            }
        }
    }

    /** XPath literal of a text, quotes included. */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    static By byText(String tag, String text) {
        return By.xpath("//" + tag + "[normalize-space(.)=" + literal(text) + "]");
    }

    static By containingText(String tag, String text) {
        return By.xpath("//" + tag + "[contains(normalize-space(.), " + literal(text) + ")]");
    }
}
