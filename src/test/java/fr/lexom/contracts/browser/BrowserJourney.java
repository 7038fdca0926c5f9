package fr.lexom.contracts.browser;

import fr.lexom.contracts.support.ProcessTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the browser journeys: the app on its random port, one Chromium per test, and what staff do in the webapps
 * (log in, open a filter, fill a Camunda Form by its labels). Elements are found by what the user reads.
 */
abstract class BrowserJourney extends ProcessTestSupport {

    @LocalServerPort
    int port;

    Browser browser;

    /** The page as it was when a journey failed, before the browser closes: {@code ...-NN-FAILED.png}. */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot("FAILED");
            browser.saveSource("FAILED");
        }
    };

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a browser for this journey; screenshots are named {@code <journey>-NN-<step>.png}. */
    Browser openBrowser(String journey) {
        browser = new Browser(journey);
        return browser;
    }

    /** Opens a browser in another language ("en-US"): the webapps offer English too. */
    Browser openBrowser(String journey, String language) {
        browser = new Browser(journey, language);
        return browser;
    }

    /** Opens a French phone-sized browser (participants and trainers on their links). */
    Browser openPhoneBrowser(String journey) {
        browser = new Browser(journey, "fr-FR", Browser.PARIS, true);
        return browser;
    }

    /** Opens a French browser in another time zone ("UTC"): the webapps show times in the reader's zone. */
    Browser openBrowserInZone(String journey, String timeZone) {
        browser = new Browser(journey, "fr-FR", timeZone);
        return browser;
    }

    /** Logs in to a webapp ("tasklist", "cockpit") of the engine as the user, on the login page staff see. */
    void logIn(String app, String engineName, String user, String password) {
        browser.forgetSession();
        browser.open(url("/camunda/app/" + app + "/" + engineName + "/"));
        By userField = By.cssSelector("input[type=text][ng-model=username]");
        By passwordField = By.cssSelector("input[type=password][ng-model=password]");
        // On a busy machine the page may still move the focus while keys are sent (seen once: the password typed
        // into the user field): type again until both fields hold what was typed.
        for (int attempt = 1; ; attempt++) {
            WebElement userInput = browser.visible(userField);
            userInput.clear();
            userInput.sendKeys(user);
            WebElement passwordInput = browser.visible(passwordField);
            passwordInput.clear();
            passwordInput.sendKeys(password);
            if ((user.equals(userInput.getDomProperty("value")) && password.equals(passwordInput.getDomProperty("value")))
                    || attempt == 3) {
                break;
            }
        }
        // every webapp is in French (locales/fr.json) for a French browser; Cockpit, Admin and the welcome page
        // keep Camunda's English for an English one
        browser.click(By.xpath("//button[@type='submit'][normalize-space(.)='Se connecter' or normalize-space(.)='Log in']"));
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model=password]")));
    }

    void logInToTasklist(String user, String password) {
        logIn("tasklist", "default", user, password);
        browser.visible(Browser.containingText("a", "Démarrer un processus"));
    }

    // ---- Tasklist --------------------------------------------------------------------------------------------

    /** Clicks a filter on the left by its French name and waits for its list. */
    void openFilter(String name) {
        By filter = By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[normalize-space(text()[1])="
                + Browser.literal(name) + "]");
        browser.click(filter);
        browser.moveMouseAway(); // no tooltip over the screenshots
        browser.waitFor(d -> !d.findElements(By.xpath("//div[contains(@class,'task-filter') and contains(@class,'active')]"
                + "//h4/a[normalize-space(text()[1])=" + Browser.literal(name) + "]")).isEmpty());
    }

    /** The names of the filters on the left, as shown (without their counters). */
    @SuppressWarnings("unchecked")
    List<String> filterNames() {
        browser.visible(By.cssSelector(".task-filter h4.name a"));
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('.task-filter h4.name a'))"
                + ".map(a => a.childNodes[0].textContent.trim());");
    }

    /** Waits until a task card of the open filter shows the text (e.g. a contract number); returns the card text. */
    String waitForTaskCard(String text) {
        return browser.waitFor(d -> cardTexts().stream().filter(t -> t.contains(text)).findFirst().orElse(null));
    }

    /** Waits until no task card of the open filter shows the text. */
    void waitForNoTaskCard(String text) {
        browser.waitFor(d -> taskListLoaded() && cardTexts().stream().noneMatch(t -> t.contains(text)));
    }

    /** True once the middle list has loaded the open filter's tasks ("Chargement…" gone). */
    boolean taskListLoaded() {
        return Boolean.TRUE.equals(browser.script("""
                const tasks = document.querySelector('[cam-tasks]');
                const loader = tasks && tasks.querySelector('.loader');
                return !!tasks && !!tasks.querySelector('div[ng-if^="state.$loaded"]')
                    && !!loader && loader.classList.contains('ng-hide');"""));
    }

    /** The text of every task card of the middle list, read in one go (Angular re-renders the list at will). */
    @SuppressWarnings("unchecked")
    List<String> cardTexts() {
        return (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('.tasks-list .task')).map(e => e.innerText);");
    }

    /** Waits for Tasklist's green confirmation (e.g. "La tâche est terminée."). */
    void waitForNotification(String text) {
        browser.visible(By.xpath("//*[contains(@class,'notifications')]//*[contains(normalize-space(.), "
                + Browser.literal(text) + ")]"));
    }

    /** Opens the task of the contract from the open filter's list, and takes it ("Prendre en charge"). */
    void openAndClaimTask(String contractNumber, String formHeading) {
        openTask(contractNumber, formHeading);
        browser.click(Browser.byText("button", "Prendre en charge"));
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(Browser.byText("button", "Prendre en charge")));
    }

    /** Opens the task of the contract from the open filter's list and waits for its form. */
    void openTask(String contractNumber, String formHeading) {
        waitForTaskCard(contractNumber);
        browser.click(By.xpath("//*[contains(@class,'tasks-list')]//li[contains(@class,'task')][contains(normalize-space(.), "
                + Browser.literal(contractNumber) + ")]//h4//a"));
        browser.visible(By.xpath("//*[contains(@class,'fjs-container')]//h2[contains(normalize-space(.), "
                + Browser.literal(formHeading) + ")]"));
    }

    /** Closes Tasklist's messages (×), as staff do once read: they cover the buttons under the form. */
    void dismissNotifications() {
        for (WebElement close : browser.all(By.cssSelector(".notifications .alert button.close"))) {
            if (close.isDisplayed()) {
                close.click();
            }
        }
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".notifications .alert")));
    }

    /** Clicks "Terminer" under the task form. */
    void complete() {
        browser.click(Browser.byText("button", "Terminer"));
    }

    /** Clicks "Terminer" and waits until Tasklist has closed the form (the task is done). */
    void completeAndWaitForTheFormToClose() {
        complete();
        browser.visible(Browser.containingText("div[contains(@class,'no-task')]", "Sélectionnez une tâche dans la liste."));
    }

    // ---- Camunda Forms (form-js) -------------------------------------------------------------------------------

    /** The input of a form field, found by its label as shown (a required field's label ends with "*"). */
    WebElement field(String label) {
        WebElement labelElement = browser.visible(By.xpath("//*[contains(@class,'fjs-container')]//label["
                + "normalize-space(.)=" + Browser.literal(label) + " or normalize-space(.)=" + Browser.literal(label + "*")
                + "]"));
        return browser.driver().findElement(By.id(labelElement.getAttribute("for")));
    }

    void type(String label, String value) {
        WebElement input = field(label);
        browser.script("arguments[0].scrollIntoView({block: 'center'});", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }

    /** Types a date in a date field (as the browser's locale writes it) and leaves the field. */
    void typeDate(String label, String value) {
        type(label, value);
        field(label).sendKeys(Keys.TAB);
    }

    /** Chooses an option of a form-js dropdown by its visible label. */
    void choose(String label, String option) {
        WebElement input = field(label);
        WebElement select = input.findElement(By.xpath("./ancestor::*[contains(@class,'fjs-form-field')][1]"
                + "//*[contains(@class,'fjs-select-display')]"));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", select);
        By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)=" + Browser.literal(option) + "]");
        select.click();
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(3)).until(d -> !d.findElements(item).isEmpty());
        } catch (TimeoutException e) {
            // the list opens on focus: a click on a field that already had the focus closed it again
            select.click();
        }
        browser.click(item);
    }

    /** The French error shown under a field, or "" when none. */
    String errorUnder(String label) {
        WebElement input = field(label);
        List<WebElement> errors = input.findElements(By.xpath("./ancestor::*[contains(@class,'fjs-form-field')][1]"
                + "//*[contains(@class,'fjs-form-field-error')]"));
        return errors.stream().map(WebElement::getText).filter(t -> !t.isBlank()).findFirst().orElse("");
    }
}
