package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Staff journeys in Tasklist, in a real (headless) Chromium, on the whole app: what sales, coordination and accounting see. */
@IntegrationTest
@ExtendWith(BrowserAvailable.class)
class TasklistJourneysTest extends BrowserJourney {

    static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final By START_BUTTON = Browser.byText("button", "Démarrer");

    @Test
    void salesStartANewQuoteFromTheStartFormAndFindItInDevisEnCours_badValuesRefusedInFrench() {
        String email = "compta-" + UUID.randomUUID().toString().substring(0, 8) + "@transports-vivarais.example";
        openBrowser("j1-sales-new-quote");
        logInToTasklist(TestUsers.SALES, TestUsers.PASSWORD);
        assertThat(filterNames()).contains("Devis en cours").doesNotContain("Acomptes à suivre");
        browser.screenshot("tasklist-of-sales");

        browser.click(Browser.containingText("a", "Démarrer un processus"));
        browser.visible(Browser.containingText("a", "Contrat de formation"));
        browser.screenshot("start-process-dialog");
        browser.click(Browser.containingText("a", "Contrat de formation"));
        browser.visible(Browser.byText("h2", "Nouveau devis"));
        browser.screenshot("nouveau-devis-form");

        // every field right but two: a negative price and a start date in the past
        type("Raison sociale ou nom du client", "Transports Vivarais SAS");
        type("SIRET", "41234000000017");
        type("Courriel du client", email);
        type("Adresse de facturation", "12 avenue de la Gare");
        type("Code postal", "07200");
        type("Ville", "Aubenas");
        choose("Formation du catalogue", "RCL-APPL-03 - La Relation Client par écrit - emails et courriers (2 jours, 14 h)");
        typeDate("Date de début", today().minusDays(1).format(FRENCH_DATE));
        LocalDate start = today().plusMonths(2);
        typeDate("Date de fin", start.plusDays(1).format(FRENCH_DATE));
        type("Lieu", "LEXOM Aubenas");
        type("Participants", "Anne Dupont <anne.dupont@example.org>\nLuc Martin");
        type("Prix total HT (€)", "-2 400,00");
        field("Taux de TVA (%)").click();
        tryToStart();

        browser.waitFor(d -> errorUnder("Prix total HT (€)").equals("Format invalide."));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", field("Prix total HT (€)"));
        browser.screenshot("negative-price-refused");
        // the date picker refuses a past day (greyed out, and a typed one is cleared): the date is then missing
        assertThat(field("Date de début").getAttribute("value")).isEmpty();
        browser.waitFor(d -> errorUnder("Date de début").equals("Ce champ est obligatoire."));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", field("Date de début"));
        browser.screenshot("past-start-date-refused");
        assertThat(quotesFor(email)).as("nothing sent while the form shows errors").isZero();

        type("Prix total HT (€)", "2 400,00");
        typeDate("Date de début", start.format(FRENCH_DATE));
        browser.waitFor(d -> errorUnder("Prix total HT (€)").isEmpty() && errorUnder("Date de début").isEmpty());
        tryToStart();
        waitForNotification("Le processus a été démarré.");
        browser.screenshot("quote-sent");

        assertThat(quotesFor(email)).as("one quote, for the client typed in the browser").isOne();
        String number = jdbc.sql("SELECT c.number FROM contract c JOIN client k ON k.id = c.client_id WHERE k.email = ?")
                .param(email).query(String.class).single();
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(number, "training-contract").singleResult();
        executeDueJobs(instance); // the job executor is off in tests: the quote leaves now

        openFilter("Devis en cours");
        String card = waitForTaskCard(number);
        assertThat(card).contains("Enregistrer l'acceptation du devis");
        browser.screenshot("quote-in-devis-en-cours");
    }

    @Test
    void signatureThenDepositThenAttendance_eachTaskLeavesItsFilterOnceDone_invalidAmountRefused() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        String number = contractNumber(instance);
        openBrowser("j2-signature-deposit-attendance");

        // sales record the signed quote
        logInToTasklist(TestUsers.SALES, TestUsers.PASSWORD);
        openFilter("Devis en cours");
        openAndClaimTask(number, "Acceptation du devis " + number);
        // the stored filters' expressions (${currentUser()}, ${currentUserGroups()}) still work behind the engine guard
        openFilter("Mes tâches");
        waitForTaskCard(number);
        openFilter("Tâches de mon équipe");
        waitForTaskCard(number);
        browser.screenshot("claimed-task-in-mes-taches");
        openTask(number, "Acceptation du devis " + number);
        choose("Document d'acceptation reçu (CGV 2025)", "Devis signé");
        typeDate("Date de réception de l'accord signé", today().format(FRENCH_DATE));
        browser.screenshot("sales-record-signature");
        completeAndWaitForTheFormToClose();
        executeDueJobs(instance);
        openFilter("Devis en cours");
        waitForNoTaskCard(number);
        browser.screenshot("signature-gone-from-devis-en-cours");
        assertThat(instance).isWaitingAt("Task_CollectDeposit");

        // accounting enter the deposit: a wrong amount first
        logInToTasklist(TestUsers.ACCOUNTING, TestUsers.PASSWORD);
        openFilter("Acomptes à suivre");
        openAndClaimTask(number, "Règlement à encaisser - contrat " + number);
        browser.screenshot("accounting-deposit-task");
        type("Montant reçu (€)", "-864,00");
        typeDate("Date de réception", today().format(FRENCH_DATE));
        type("Référence du paiement (relevé bancaire)", "VIR-" + UUID.randomUUID());
        browser.waitFor(d -> errorUnder("Montant reçu (€)").equals("Format invalide."));
        assertThat(browser.visible(Browser.byText("button", "Terminer")).isEnabled())
                .as("Terminer is off while the form shows an error").isFalse();
        browser.screenshot("invalid-amount-refused");
        // zero passes the form's pattern: the app refuses it, in French, and the task stays open
        type("Montant reçu (€)", "0,00");
        browser.waitFor(d -> errorUnder("Montant reçu (€)").isEmpty());
        complete();
        waitForNotification("Le montant doit être supérieur à zéro.");
        browser.screenshot("zero-amount-refused-by-the-app");
        assertThat(instance).isWaitingAt("Task_CollectDeposit");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment p JOIN contract c ON c.id = p.contract_id OR c.id = "
                + "(SELECT i.contract_id FROM invoice i WHERE i.id = p.invoice_id) WHERE c.number = ?")
                .param(number).query(Long.class).single()).isZero();

        dismissNotifications();
        type("Montant reçu (€)", "864,00");
        completeAndWaitForTheFormToClose();
        executeDueJobs(instance);
        openFilter("Acomptes à suivre");
        waitForNoTaskCard(number);
        browser.screenshot("deposit-gone-from-acomptes-a-suivre");
        assertThat(instance).hasPassed("Task_CollectDeposit");

        // E1 (issue 23): during the training each participant signs each half-day online, but Luc Martin not the last
        // afternoon; once signing is closed, coordination find the checklist ticked from the signatures
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        signEveryHalfDay(instance, "Martin", "PM");
        fireTimer(instance, "Timer_SigningClosed");
        logInToTasklist(TestUsers.COORDINATION, TestUsers.PASSWORD);
        openFilter("Sessions à préparer");
        openAndClaimTask(number, "Émargement - contrat " + number);
        List<WebElement> slots = browser.all(By.cssSelector(".fjs-container input[type=checkbox]"));
        assertThat(slots).as("one box per participant and half-day").hasSizeGreaterThan(2);
        assertThat(slots.subList(0, slots.size() - 1)).as("every half-day signed online is ticked").allMatch(WebElement::isSelected);
        assertThat(slots.get(slots.size() - 1).isSelected()).as("Luc Martin's unsigned last afternoon").isFalse();
        assertThat(browser.text()).contains("signé à ", "non signé");
        browser.script("arguments[0].scrollIntoView({block: 'center'});", slots.get(0));
        slots.get(0).click(); // the first half-day of the first participant: signed, but coordination knows she left
        browser.screenshot("coordination-record-attendance");
        completeAndWaitForTheFormToClose();
        executeDueJobs(instance);
        openFilter("Sessions à préparer");
        waitForNoTaskCard(number);
        browser.screenshot("attendance-gone-from-sessions-a-preparer");
        assertThat(instance).hasPassed("Task_RecordAttendance");
        assertThat(jdbc.sql("SELECT p.last_name, a.half_day, a.corrected FROM attendance a "
                + "JOIN participant p ON p.id = a.participant_id "
                + "JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND NOT a.present ORDER BY a.session_day, p.position")
                .param(number).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3)).list()).as("the half-day unticked in the browser, the one never signed")
                .containsExactly("Dupont AM true", "Martin PM false");
    }

    @Test
    void coordinationNeitherSeesNorCompletesTheTaskOfSales() throws Exception {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        String number = contractNumber(instance);
        String taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        openBrowser("j4-group-isolation");

        logInToTasklist(TestUsers.COORDINATION, TestUsers.PASSWORD);
        assertThat(filterNames()).contains("Tâches de mon équipe", "Sessions à préparer").doesNotContain("Devis en cours");
        openFilter("Tâches de mon équipe");
        waitForNoTaskCard(number);
        assertThat(cardTexts()).noneMatch(card -> card.contains("Enregistrer l'acceptation du devis"));
        browser.screenshot("coordination-team-tasks-without-the-quote");

        // the task's own address, as if a colleague had sent the link
        browser.open(url("/camunda/app/tasklist/default/#/?task=" + taskId));
        waitForNotification("Cette tâche n’existe plus");
        assertThat(browser.all(By.cssSelector(".fjs-container"))).as("no form of another group's task").isEmpty();
        browser.screenshot("quote-task-link-refused");

        // what Tasklist's "Terminer" sends, from her session: refused by the engine's authorizations
        Object status = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const token = (document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1];
                fetch('/camunda/api/engine/engine/default/task/' + arguments[0] + '/submit-form', {
                  method: 'POST', credentials: 'same-origin',
                  headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': token},
                  body: JSON.stringify({variables: {signedOn: {value: '%s', type: 'String'}}})
                }).then(r => done(r.status), e => done(String(e)));
                """.formatted(today()), taskId);
        assertThat(status).isEqualTo(403L);
        // and through the REST API other systems use, with her password
        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url("/engine-rest/task/" + taskId + "/complete")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestUsers.COORDINATION + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.body()).contains("AuthorizationException");
        assertThat(instance).isWaitingAt("Task_RecordSignature");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    }

    private void tryToStart() {
        WebElement button = browser.visible(START_BUTTON);
        browser.script("arguments[0].scrollIntoView({block: 'center'});", button);
        if (button.isEnabled()) {
            button.click();
        }
    }

    private long quotesFor(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM contract c JOIN client k ON k.id = c.client_id WHERE k.email = ?")
                .param(email).query(Long.class).single();
    }
}
