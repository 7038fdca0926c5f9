package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.TestUsers;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
