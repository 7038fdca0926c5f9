package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Dates that read the same everywhere (issue 22): a date-only fact of a contract (the day its acceptance was received,
 * the first day of its training) shows as the contract's day in Cockpit and in Tasklist, in a browser in Paris as in
 * one in UTC, while the times (a task's creation, a deadline, a process's start) are instants shown in the reader's
 * zone. The same journey runs in both zones.
 */
@IntegrationTest
@ExtendWith(BrowserAvailable.class)
class DatesJourneyTest extends BrowserJourney {

    static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** How Cockpit's variables tab shows a Date variable: in the browser's zone. */
    static final DateTimeFormatter COCKPIT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The LEXOM view's times: toLocaleString('fr-FR', short date and time), in the browser's zone. */
    static final DateTimeFormatter LEXOM_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** Tasklist's tooltips over « Créée » and « Échéance », in the browser's zone. */
    static final DateTimeFormatter TASKLIST_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH:mm", Locale.FRENCH);
    static final String SIGNED_ON_FIELD = "Accord reçu le (début du délai de 14 jours)";

    @ParameterizedTest(name = "a browser in {0}")
    @ValueSource(strings = {"Europe/Paris", "UTC"})
    void dateOnlyFactsShowTheContractsDayInCockpitAndTasklist_timesFollowTheBrowsersZone(String timeZone) {
        ZoneId zone = ZoneId.of(timeZone);
        // an individual's contract, accepted today: 14 days to withdraw from that day (W1)
        ProcessInstance instance = acceptedContract(QuoteForms.individual(today().plusMonths(2)));
        String number = contractNumber(instance);
        Map<String, Object> contract = jdbc.sql("SELECT accepted_on, starts_on, ends_on FROM contract WHERE number = ?")
                .param(number).query().singleRow();
        LocalDate acceptedOn = day(contract.get("accepted_on"));
        LocalDate startsOn = day(contract.get("starts_on"));
        LocalDate endsOn = day(contract.get("ends_on"));
        assertThat(acceptedOn).isEqualTo(today());
        Date quoteExpiresAt = (Date) engine.getRuntimeService().getVariable(instance.getId(), "quoteExpiresAt");
        Date processStarted = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult().getStartTime();

        openBrowserInZone("j7-dates-" + timeZone.toLowerCase(Locale.ROOT).replace('/', '-'), timeZone);
        assertThat(browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone;")).isEqualTo(timeZone);

        // ---- Cockpit, as a manager: the contract instance's variables --------------------------------------------
        logIn("cockpit", "default", TestUsers.MANAGER, TestUsers.PASSWORD);
        browser.open(url("/camunda/app/cockpit/default/#/process-instance/" + instance.getId() + "/runtime?tab=variables-tab"));
        Map<String, String> variables = browser.waitFor(d -> {
            Map<String, String> shown = cockpitVariables();
            return shown.containsKey("signedOn") && shown.containsKey("quoteExpiresAt") ? shown : null;
        });
        // Cockpit says which zone its dates and times are in: the reader's
        assertThat(browser.text()).contains("Dates et heures affichées dans le fuseau horaire local : " + timeZone);
        browser.script("const row = Array.from(document.querySelectorAll('td.col-name')).find(td => td.innerText.trim() === 'signedOn');"
                + " if (row) { row.scrollIntoView({block: 'center'}); }");
        browser.screenshot("cockpit-variables");
        assertThat(variables.get("signedOn")).as("the day the acceptance was received, as the contract has it")
                .isEqualTo("String " + acceptedOn);
        assertThat(variables.get("startDate")).as("the training's first day, as the contract has it")
                .isEqualTo("String " + startsOn);
        assertThat(variables.get("quoteExpiresAt")).as("an instant (the quote's expiry timer), in the browser's zone")
                .isEqualTo("Date " + COCKPIT_DATE.format(quoteExpiresAt.toInstant().atZone(zone)));

        // the LEXOM view: the contract's days as days, the process's start as a time in the browser's zone
        browser.open(url("/camunda/app/cockpit/default/#/lexom?contrat=" + number));
        browser.visible(Browser.containingText("h2", "Contrat " + number));
        String facts = browser.visible(By.cssSelector("dl.lexom-facts")).getText();
        assertThat(facts).contains("du " + FRENCH_DATE.format(startsOn) + " au " + FRENCH_DATE.format(endsOn),
                "accepté le " + FRENCH_DATE.format(acceptedOn));
        browser.waitFor(d -> !browser.texts("table.lexom-processes tbody td").isEmpty() ? true : null);
        assertThat(browser.texts("table.lexom-processes tbody td"))
                .contains(LEXOM_TIME.format(processStarted.toInstant().atZone(zone)));
        browser.screenshot("lexom-story");

        // ---- Tasklist, as sales: the withdrawal task shows the day the 14 days run from --------------------------
        Task withdrawal = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_RecordWithdrawal").singleResult();
        logInToTasklist(TestUsers.SALES, TestUsers.PASSWORD);
        openFilter("Rétractations (particuliers)");
        openAndClaimTask(number, "Rétractation du contrat " + number);
        assertThat(valueShown(SIGNED_ON_FIELD)).as("the signature day in the task's date field")
                .isEqualTo(FRENCH_DATE.format(acceptedOn));
        assertThat(field(SIGNED_ON_FIELD).isEnabled()).as("shown, not to be changed").isFalse();
        // the task's times are instants: its creation and its deadline (the end of the 14 days), in the browser's zone
        By card = By.xpath("//*[contains(@class,'tasks-list')]//li[contains(@class,'task')][contains(normalize-space(.), "
                + Browser.literal(number) + ")]");
        assertThat(browser.visible(card).findElement(By.cssSelector(".creation-date [uib-tooltip]")).getDomAttribute("uib-tooltip"))
                .isEqualTo(TASKLIST_TIME.format(withdrawal.getCreateTime().toInstant().atZone(zone)));
        assertThat(browser.visible(card).findElement(By.cssSelector(".due-date [uib-tooltip]")).getDomAttribute("uib-tooltip"))
                .isEqualTo(TASKLIST_TIME.format(withdrawal.getDueDate().toInstant().atZone(zone)));
        browser.screenshot("tasklist-withdrawal-task");

        // a day typed in this browser is the same day for the app
        typeDate("Date de réception de la rétractation", FRENCH_DATE.format(today()));
        browser.screenshot("withdrawal-typed");
        completeAndWaitForTheFormToClose();
        executeDueJobs(instance);
        assertThat(stageOf(number)).isEqualTo("WITHDRAWN");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("withdrawalReceivedOn").singleResult().getValue()).isEqualTo(today().toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contract_event e JOIN contract c ON c.id = e.contract_id WHERE c.number = ? "
                + "AND e.detail LIKE ?").param(number).param("Rétractation reçue le " + today() + "%").query(Long.class).single())
                .as("the withdrawal recorded on the day typed").isOne();
    }

    /** Cockpit's variables tab, by name: "type value" as shown. */
    @SuppressWarnings("unchecked")
    private Map<String, String> cockpitVariables() {
        List<List<String>> rows = (List<List<String>>) browser.script("""
                return Array.from(document.querySelectorAll('tr[ng-repeat*="in variables"]')).map(tr =>
                    ['name', 'type', 'value'].map(c => { const td = tr.querySelector('td.col-' + c); return td ? td.innerText.trim() : ''; }));""");
        Map<String, String> byName = new java.util.TreeMap<>();
        rows.forEach(row -> byName.put(row.get(0), row.get(1) + " " + row.get(2)));
        return byName;
    }

    /** The value a date field shows once the form has filled it (empty if it stays empty for 5 s). */
    private String valueShown(String label) {
        try {
            return new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                    .until(d -> {
                        String value = field(label).getDomProperty("value");
                        return value == null || value.isEmpty() ? null : value;
                    });
        } catch (TimeoutException e) {
            return field(label).getDomProperty("value");
        }
    }

    private static LocalDate day(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : LocalDate.parse(value.toString().substring(0, 10));
    }
}
