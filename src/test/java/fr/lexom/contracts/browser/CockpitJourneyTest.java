package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.lexom.contracts.notification.OutboxSender;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A manager's journey in Cockpit, in a real (headless) Chromium: the contract found by its number, where it stands,
 * and the incident of a mail that SMTP refused, retried once the mail server is back. SMTP is a real server
 * (GreenMail), stopped and started again, as in OutboxSmtpTest; so this class has a Spring context of its own.
 */
@IntegrationTest
@ExtendWith(BrowserAvailable.class)
class CockpitJourneyTest extends BrowserJourney {

    static final String ENGINE = "cockpit"; // letters only: a name with a hyphen is ignored (engine "default")

    private static GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static int smtpPort;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        smtp.start();
        smtpPort = smtp.getSmtp().getPort();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtpPort);
        registry.add("lexom.mail.max-attempts", () -> 3);
        // a second Spring context in the JVM: its engine needs a name of its own (see OutboxSmtpTest); Cockpit
        // is opened on that engine
        registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 2000);
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> 2000);
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Autowired
    OutboxSender sender;

    @Test
    void managerFindsTheContractByItsNumberSeesTheFailedMailIncidentAndRetriesItOnceSmtpIsBack() throws Exception {
        sender.sendDue(); // mail queued by earlier tests leaves now: only this contract's mail meets the outage
        ProcessInstance contract = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(contract);
        String number = contractNumber(contract);
        String clientEmail = jdbc.sql("SELECT k.email FROM contract c JOIN client k ON k.id = c.client_id WHERE c.number = ?")
                .param(number).query(String.class).single();

        smtp.stop();
        ProcessInstance mailFailure;
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofHours(3))));
                sender.sendDue();
            }
            mailFailure = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(number, "mail-failure").singleResult();
            assertThat(mailFailure).as("the quote mail, retries spent, is a mail-failure case").isNotNull();
            Job job = engine.getManagementService().createJobQuery().processInstanceId(mailFailure.getId()).singleResult();
            assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                    .hasMessageContaining("n'a pas pu être remis");
        } finally {
            ClockUtil.reset();
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(mailFailure.getId()).count()).isOne();

        openBrowser("j3-manager-cockpit");
        logIn("cockpit", ENGINE, TestUsers.MANAGER, TestUsers.PASSWORD);
        // Cockpit in French (locales/fr.json, issue 22): the dashboard's headings and the header's links
        browser.visible(Browser.containingText("*[contains(@class,'dashboard')]//*", "Incidents ouverts"));
        browser.visible(Browser.containingText("*[contains(@class,'dashboard')]//*", "Instances de processus en cours"));
        browser.visible(Browser.containingText("*[contains(@class,'dashboard')]//*", "En ce moment"));
        browser.waitFor(d -> browser.texts("[cam-widget-header] a").containsAll(List.of("Processus", "Décisions", "Tâches")) ? true : null);
        assertThat(browser.text()).doesNotContain("Running Process Instances", "Open Incidents", "Right Now", "Human Tasks");
        browser.screenshot("cockpit-dashboard");

        // Processus -> Contrat de formation -> search by « Clé métier » = the contract number
        findInstanceByBusinessKey("Contrat de formation", number);
        browser.screenshot("contract-found-by-its-number");
        openInstance(number);
        // where it stands: the badge "1" on the waiting activity of the diagram, and the open user task by name
        browser.waitFor(d -> browser.texts(".djs-overlays[data-container-id='Task_RecordSignature'] .badge.instance-count")
                .contains("1") ? true : null);
        assertThat(browser.texts(".djs-overlays .badge.instance-count").stream().filter(t -> !t.isEmpty()))
                .as("one activity waits: the signature").containsExactly("1");
        zoomOnto("Task_RecordSignature");
        browser.click(Browser.byText("a", "Tâches utilisateur"));
        browser.visible(Browser.containingText("td", "Enregistrer l'acceptation du devis"));
        browser.screenshot("contract-waits-for-its-signature");

        // the quote mail could not leave: its incident, under "Courriel non remis" with the same number
        findInstanceByBusinessKey("Courriel non remis", number);
        browser.screenshot("failed-mail-found-by-the-contract-number");
        openInstance(number);
        browser.click(Browser.byText("a", "Incidents"));
        // the instance view's tabs and columns in French
        browser.visible(Browser.byText("a", "Variables"));
        browser.visible(Browser.byText("a", "Instances de processus appelées"));
        browser.visible(Browser.byText("th", "Message"));
        browser.visible(Browser.containingText("td", "n'a pas pu être remis"));
        assertThat(browser.texts(".djs-overlays[data-container-id='Task_RedeliverMail'] .badge.instance-incidents"))
                .as("the red incident badge on Renvoyer le courriel").contains("1");
        browser.screenshot("incident-of-the-failed-mail");

        // the mail server is back; the manager retries
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        browser.click(By.cssSelector("a[uib-tooltip='Augmenter le nombre de tentatives du job en échec']"));
        browser.visible(Browser.byText("h3", "Augmenter le nombre de tentatives"));
        browser.click(Browser.byText("button", "Relancer"));
        browser.visible(Browser.containingText("div", "Le nombre de tentatives a été augmenté."));
        browser.screenshot("retry-done");
        browser.click(Browser.byText("button", "OK"));

        // Retry gave the failed job one more try; the job executor runs it (off in tests: executed here)
        Job retried = engine.getManagementService().createJobQuery().processInstanceId(mailFailure.getId()).singleResult();
        assertThat(retried.getRetries()).as("Cockpit's Retry").isOne();
        engine.getManagementService().executeJob(retried.getId());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(mailFailure.getId()).count())
                .as("the mail-failure case is over").isZero();
        assertThat(smtp.getReceivedMessagesForDomain(clientEmail.substring(clientEmail.indexOf('@') + 1)))
                .as("the quote, delivered once").singleElement()
                .satisfies(m -> assertThat(m.getSubject()).startsWith("Votre devis " + number));
        browser.driver().navigate().refresh();
        searchByBusinessKey("Courriel non remis", number, List.of());
        assertThat(browser.texts(".djs-overlays .badge.instance-incidents").stream().filter(t -> !t.isEmpty()))
                .as("no incident left on the diagram").isEmpty();
        browser.screenshot("no-failed-mail-left-for-the-contract");
    }

    /** Processes, the process by its name, then the search "Business Key" = the key; waits for its single row. */
    /** Ctrl + mouse wheel over the activity, as one zooms in Cockpit's diagram: the waiting activity readable. */
    void zoomOnto(String activityId) {
        var badge = browser.visible(By.cssSelector(".djs-overlays[data-container-id='" + activityId + "'] .badge.instance-count"));
        @SuppressWarnings("unchecked")
        var at = (java.util.List<Number>) browser.script("const r = arguments[0].getBoundingClientRect();"
                + " return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];", badge);
        var origin = org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromViewport(at.get(0).intValue(), at.get(1).intValue());
        var actions = new org.openqa.selenium.interactions.Actions(browser.driver()).keyDown(org.openqa.selenium.Keys.CONTROL);
        for (int i = 0; i < 8; i++) {
            actions.scrollFromOrigin(origin, 0, -150);
        }
        actions.keyUp(org.openqa.selenium.Keys.CONTROL).perform();
    }

    /** Clicks the instance of the business key in the list, and waits for the instance's own page. */
    void openInstance(String businessKey) {
        browser.click(By.xpath("//tr[td[contains(@class,'business-key')][normalize-space(.)=" + Browser.literal(businessKey)
                + "]]//td[contains(@class,'instance-id')]//a[not(contains(@class,'glyphicon'))]"));
        browser.visible(Browser.byText("span", "ID de l’instance :"));
    }

    void findInstanceByBusinessKey(String processName, String businessKey) {
        searchByBusinessKey(processName, businessKey, List.of(businessKey));
    }

    /** Processus, the process by its name, the search « Clé métier » = the key; waits for the rows expected. */
    void searchByBusinessKey(String processName, String businessKey, List<String> expectedRows) {
        browser.click(Browser.byText("a", "Processus"));
        browser.click(Browser.byText("a", processName));
        By criterion = By.xpath("//ul[contains(@class,'dropdown-menu')]//a[normalize-space(.)='Clé métier']");
        // the list of criteria opens as one types (typeahead); typed again if the page was not ready
        browser.waitFor(d -> {
            var input = d.findElement(By.cssSelector("input[placeholder='Ajouter un critère']"));
            input.click();
            input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "métier");
            try {
                // clicked here, inside the wait: the list is re-rendered as Cockpit settles (a stale element retries)
                new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(2))
                        .until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(criterion)).click();
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return null;
            }
        });
        By pill = By.cssSelector("[cam-widget-search] [ng-repeat='search in searches']");
        // the pill's value opens for typing; if it closed again or lost what was typed (Cockpit re-renders the pill
        // while the page settles), a click on its value reopens it and the key is typed again, until a pill shows it
        By valueInput = By.cssSelector("[cam-widget-search] .value-field input");
        browser.waitFor(d -> {
            if (d.findElements(pill).stream().anyMatch(p -> p.getText().contains(businessKey))) {
                return true;
            }
            var inputs = d.findElements(valueInput).stream().filter(org.openqa.selenium.WebElement::isDisplayed).toList();
            if (!inputs.isEmpty()) {
                inputs.get(0).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), businessKey,
                        org.openqa.selenium.Keys.ENTER);
                return null;
            }
            d.findElement(By.cssSelector("[cam-widget-search] .value-field .view-value")).click();
            return null;
        });
        browser.waitFor(d -> {
            var keys = browser.texts("td.business-key");
            return keys.equals(expectedRows) ? keys : null;
        });
    }
}
