package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.TestUsers;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A manager's view in Cockpit (issue 11), in a real (headless) Chromium: the LEXOM card on the dashboard, contracts
 * by stage with the database's counts, the receivables with a formal notice's 8-day deadline, and the story of a
 * closed contract found by its number.
 */
@IntegrationTest
@ExtendWith(BrowserAvailable.class)
class ManagerViewJourneyTest extends BrowserJourney {

    @Autowired
    InvoiceService invoices;

    @Test
    void managerSeesContractsByStageWhatIsOwedAndTheStoryOfAClosedContract() {
        // a closed contract: signed, deposit paid, delivered, balance paid
        String number = contractNumber(deliveredContract());
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        payByBank(balance.number(), balance.gross());
        assertThat(stageOf(number)).isEqualTo("CLOSED");
        // an unpaid one, under formal notice
        String unpaidNumber = contractNumber(deliveredContract());
        Invoice unpaidBalance = invoices.existing(unpaidNumber, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance collection = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("invoice-collection").processInstanceBusinessKey(unpaidBalance.number()).singleResult();
        executeDueJobs(collection);
        fireTimer(collection, "Timer_FirstReminder");
        fireTimer(collection, "Timer_SecondReminder");
        fireTimer(collection, "Timer_FormalNoticeDue");
        completeTask(collection, "Task_PrepareFormalNotice", TestUsers.ACCOUNTING, "accounting", Map.of("claimChecked", true));
        executeDueJobs(collection);

        openBrowser("j4-manager-view");
        logIn("cockpit", "default", TestUsers.MANAGER, TestUsers.PASSWORD);
        browser.visible(Browser.containingText("a", "ouvrir la vue de la direction"));
        assertThat(browser.driver().getTitle()).contains("LEXOM");
        assertThat(browser.all(By.cssSelector(".ce-eol-banner")).stream().filter(e -> e.isDisplayed()).toList())
                .as("no migration banner").isEmpty();
        browser.screenshot("cockpit-dashboard-with-lexom-card");

        // contracts by stage: the header link, the counts of the database
        browser.click(Browser.byText("a", "Vue de la direction"));
        By closedCount = By.cssSelector("tr.lexom-stage[data-stage='CLOSED'] td:nth-child(2)");
        browser.visible(closedCount);
        long closedInDatabase = jdbc.sql("SELECT COUNT(*) FROM contract WHERE stage = 'CLOSED'").query(Long.class).single();
        assertThat(browser.visible(closedCount).getText()).isEqualTo(String.valueOf(closedInDatabase));
        assertThat(browser.texts("tr.lexom-stage td:first-child")).contains("Devis envoyé", "Acompte attendu", "Programmée",
                "Facturée", "En recouvrement", "Clos", "Devis échu", "Rétracté", "Annulé", "Résolu");
        browser.driver().manage().window().setSize(new Dimension(1400, 1300));
        unfocus();
        browser.screenshot("contracts-by-stage");
        browser.click(By.xpath("//tr[@data-stage='CLOSED']//a[normalize-space(.)='Clos']"));
        browser.visible(By.xpath("//table[contains(@class,'lexom-contracts')]//a[normalize-space(.)=" + Browser.literal(number) + "]"));

        // receivables: the unpaid invoice under formal notice, with its 8-day deadline
        browser.click(Browser.byText("a", "Créances"));
        browser.visible(By.xpath("//table[contains(@class,'lexom-notices')]//td[normalize-space(.)="
                + Browser.literal(unpaidBalance.number()) + "]"));
        assertThat(browser.texts("table.lexom-dunning td:first-child")).contains("Mise en demeure", "Première relance");
        unfocus();
        browser.screenshot("receivables");

        // a closed contract's story, found by its number
        browser.click(Browser.byText("a", "Histoire d'un contrat"));
        var search = browser.visible(By.cssSelector("input.lexom-search-input"));
        search.sendKeys(number, Keys.ENTER);
        browser.visible(Browser.containingText("h2", "Contrat " + number));
        assertThat(browser.visible(By.cssSelector(".lexom-stage-label")).getText()).isEqualTo("Clos (terminé)");
        browser.visible(By.xpath("//table[contains(@class,'lexom-steps')]//tr[td[normalize-space(.)=\"Enregistrer l'acceptation du devis\"]]"
                + "[td[normalize-space(.)=" + Browser.literal(TestUsers.SALES) + "]]"));
        assertThat(browser.texts("table.lexom-invoices td")).contains(balance.number(), "payée");
        assertThat(browser.texts("table.lexom-processes td")).contains("Recouvrement d'une facture", "terminé");
        assertThat(browser.texts("table.lexom-mails tbody tr")).isNotEmpty();
        assertThat(browser.texts("table.lexom-payments tbody tr")).hasSize(2);
        // the whole story in one picture: the window as tall as Cockpit's scrolling area (at most 3 200 px)
        int height = ((Number) browser.script("return Math.max(...Array.from(document.querySelectorAll('body *'))"
                + ".map(e => e.scrollHeight));")).intValue();
        browser.driver().manage().window().setSize(new Dimension(1400, Math.min(3200, height + 200)));
        unfocus();
        browser.screenshot("story-of-a-closed-contract");
        // E1 (issue 23): the story links the signed attendance sheet
        assertThat(browser.visible(Browser.containingText("a", "Feuille d'émargement (PDF)")).getAttribute("href"))
                .endsWith("/api/contracts/" + number + "/attendance-sheet.pdf");
        // issue 24: and the contract's evidence file
        String evidence = browser.visible(Browser.containingText("a", "Dossier de preuves (ZIP)")).getAttribute("href");
        assertThat(evidence).endsWith("/api/contracts/" + number + "/evidence.zip");
        assertThat(fetched(evidence)).as("the manager's Cockpit session downloads it").isEqualTo("200 application/zip");

        // E1 (issue 23): the evaluations, per training and session, and a session's answers
        long participant = jdbc.sql("SELECT p.id FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.number = ? "
                + "ORDER BY p.position").param(number).query(Long.class).list().get(0);
        jdbc.sql("""
                INSERT INTO evaluation_answer (participant_id, kind, answered_at, content_rating, trainer_rating,
                    organisation_rating, pace_rating, comment, link_fingerprint) VALUES (?, 'HOT', CURRENT_TIMESTAMP, 5, 4, 4, 3,
                    'Des exemples tirés de nos courriers', 'test')""").param(participant).update();
        browser.driver().manage().window().setSize(new Dimension(1400, 1000));
        browser.click(Browser.byText("a", "Évaluations"));
        browser.visible(By.cssSelector("table.lexom-evaluation-figures tr.lexom-evaluation-session a"));
        assertThat(browser.texts("table.lexom-evaluation-figures th")).anyMatch(h -> h.startsWith("RCL-APPL-03"));
        var dates = jdbc.sql("SELECT starts_on, ends_on FROM contract WHERE number = ?").param(number)
                .query((rs, n) -> java.util.List.of(rs.getObject(1, java.time.LocalDate.class), rs.getObject(2, java.time.LocalDate.class)))
                .single();
        var day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        String session = "du " + day.format(dates.get(0)) + " au " + day.format(dates.get(1)) + ", LEXOM Aubenas";
        // the session of RCL-APPL-03 with those dates and place (other tests leave other sessions on the same days)
        By sessionLink = By.xpath("//tr[contains(@class,'lexom-evaluation-training')][th[starts-with(normalize-space(.),'RCL-APPL-03')]]"
                + "/following-sibling::tr[contains(@class,'lexom-evaluation-session')]//a[normalize-space(.)=" + Browser.literal(session)
                + "][1]");
        browser.click(sessionLink);
        // the answers are listed below the figures, maybe below Cockpit's scrolling area: present, then brought into view
        WebElement answer = browser.waitFor(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[contains(@class,'lexom-evaluation-answer')][td[contains(., 'Des exemples tirés de nos courriers')]]")));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", answer);
        assertThat(browser.texts("tr.lexom-evaluation-answer td")).anyMatch(t -> t.contains("contenu 5, formateur 4"));
        unfocus();
        browser.screenshot("evaluations");
    }

    /**
     * Issue 24: the BPF tab shows the financial year of today with the server's figures; a figure opens the contracts
     * behind it, and a contract its story; the PDF is one click away.
     */
    @Test
    void managerReadsTheBpfOfTheYearAndDrillsDownFromAFigureToAContract() {
        String number = contractNumber(deliveredContract());
        int year = today().getYear();
        fr.lexom.contracts.reporting.BpfReport report = bpf.of(year);
        assertThat(report.revenue().stream().filter(l -> l.code().equals("C-1")).findFirst().orElseThrow().contributions())
                .anyMatch(c -> c.contracts().contains(number));

        openBrowser("j7-bpf");
        logIn("cockpit", "default", TestUsers.MANAGER, TestUsers.PASSWORD);
        browser.driver().manage().window().setSize(new Dimension(1400, 1300));
        browser.open(url("/camunda/app/cockpit/default/#/lexom"));
        browser.click(Browser.byText("a", "Bilan pédagogique et financier"));
        browser.visible(By.cssSelector("table.lexom-bpf-revenue"));
        // the page is longer than Cockpit's scrolling area: its cells are present, read where they are
        WebElement total = browser.waitFor(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".lexom-bpf-revenue-total")));
        assertThat(browser.visible(By.cssSelector("select.lexom-bpf-year option:checked")).getText()).isEqualTo("Exercice " + year);
        assertThat(total.getAttribute("textContent").replace('\u202f', ' ').replace('\u00a0', ' '))
                .isEqualTo(euros(report.revenueTotal()));
        assertThat(browser.all(By.cssSelector("table.lexom-bpf-trainees td")).stream().map(e -> e.getAttribute("textContent")))
                .contains("a. Salariés d'employeurs privés hors apprentis");
        String pdf = browser.visible(By.cssSelector("a.lexom-bpf-pdf")).getAttribute("href");
        assertThat(pdf).endsWith("/api/manager/bpf/" + year + ".pdf");
        assertThat(fetched(pdf)).as("the manager's Cockpit session opens the PDF").isEqualTo("200 application/pdf");
        assertThat(browser.all(By.cssSelector("table.lexom-bpf-unfilled td")).stream().map(e -> e.getAttribute("textContent")))
                .anyMatch(t -> t.startsWith("Charges de l'organisme"));
        int height = ((Number) browser.script("return Math.max(...Array.from(document.querySelectorAll('body *'))"
                + ".map(e => e.scrollHeight));")).intValue();
        browser.driver().manage().window().setSize(new Dimension(1400, Math.min(3200, height + 200)));
        unfocus();
        browser.screenshot("bpf");

        // line 1 of frame C, down to its contracts, then to the contract's story
        browser.driver().manage().window().setSize(new Dimension(1400, 1000));
        browser.click(By.cssSelector("tr.lexom-bpf-line[data-line='C-1'] a.lexom-bpf-figure"));
        browser.visible(Browser.containingText("h3", "1. Entreprises pour la formation de leurs salariés :"));
        By contractLink = By.xpath("//table[contains(@class,'lexom-bpf-contributions')]//a[normalize-space(.)="
                + Browser.literal(number) + "]");
        WebElement link = browser.waitFor(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(contractLink));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", link);
        unfocus();
        browser.screenshot("bpf-drill-down");
        browser.click(contractLink);
        browser.visible(Browser.containingText("h2", "Contrat " + number));
    }

    @Autowired
    fr.lexom.contracts.reporting.Bpf bpf;

    /** « 1 234,56 € » as the page writes it (Intl, fr-FR), spaces made plain. */
    private static String euros(java.math.BigDecimal amount) {
        java.text.DecimalFormatSymbols symbols = java.text.DecimalFormatSymbols.getInstance(java.util.Locale.FRANCE);
        symbols.setGroupingSeparator(' ');
        return new java.text.DecimalFormat("#,##0.00", symbols).format(amount) + " €";
    }

    /** Admin in French too (locales/fr.json, issue 22): its users and groups pages as an administrator reads them. */
    @Test
    void administratorReadsAdminInFrench() {
        openBrowser("j5-admin-in-french");
        logIn("admin", "default", "admin", "test-admin-secret");
        browser.open(url("/camunda/app/admin/default/#/users"));
        browser.visible(Browser.byText("h3", "Liste des utilisateurs"));
        browser.visible(Browser.containingText("a", "Ajouter un utilisateur"));
        browser.waitFor(d -> browser.texts("[cam-widget-header] a").containsAll(List.of("Utilisateurs", "Groupes", "Autorisations"))
                ? true : null);
        assertThat(browser.text()).doesNotContain("List of Users", "Add user", "Authorizations");
        unfocus();
        browser.screenshot("admin-users");
        browser.open(url("/camunda/app/admin/default/#/groups"));
        browser.visible(Browser.byText("h3", "Liste des groupes"));
        browser.screenshot("admin-groups");
        // the welcome page too: « Administration » where Camunda's English reads « Admin »
        browser.open(url("/camunda/app/welcome/default/"));
        browser.visible(Browser.containingText("a", "Administration"));
        assertThat(browser.text()).contains("Tâches", "Liens", "Modifier le profil", "Modifier le mot de passe");
        browser.screenshot("welcome");
    }

    /** French is what a French browser gets; an English browser keeps Camunda's English Cockpit and Admin. */
    @Test
    void anEnglishBrowserKeepsEnglish() {
        openBrowser("j6-english-browser", "en-US");
        logIn("cockpit", "default", TestUsers.MANAGER, TestUsers.PASSWORD);
        browser.visible(Browser.containingText("*[contains(@class,'dashboard')]//*", "Running Process Instances"));
        assertThat(browser.text()).contains("Open Incidents").doesNotContain("Incidents ouverts");
        browser.screenshot("cockpit-dashboard-in-english");
        logIn("admin", "default", "admin", "test-admin-secret");
        browser.open(url("/camunda/app/admin/default/#/users"));
        browser.visible(Browser.byText("h3", "List of users"));
    }

    /** The status and media type of a GET made by the page itself, with the session's cookie, as a click on the link. */
    private String fetched(String href) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0], { credentials: 'same-origin' })"
                        + ".then(r => done(r.status + ' ' + r.headers.get('content-type'))).catch(e => done(String(e)));", href));
    }

    /** No focus ring nor tooltip on the screenshot. */
    private void unfocus() {
        browser.script("if (document.activeElement) { document.activeElement.blur(); }");
        browser.moveMouseAway();
    }
}
