package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.demo.DemoCase;
import fr.lexom.contracts.demo.DemoSupport;
import fr.lexom.contracts.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 22, item 3, in a real (headless) Chromium: on the demo of the embedded default (made here by
 * {@link DemoSupport}, as the first start makes it), {@code sophie} finds work in each of her Tasklist filters and
 * {@code marie} finds the demo contracts by stage in the managers' view, with the formal notice running and a story.
 */
@IntegrationTest
@ExtendWith(BrowserAvailable.class)
class DemoJourneyTest extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    @Test
    void sophieFindsWorkInEachOfHerFiltersOnFirstStart() {
        Map<DemoCase, String> demo = DemoSupport.make(context);
        openBrowser("j7-demo-sophie");
        logInToTasklist("sophie", DemoSupport.PASSWORD);
        List<String> filters = filterNames();
        assertThat(filters).containsExactly("Mes tâches", "Tâches de mon équipe", "Devis en cours",
                "Rétractations (particuliers)", "Financements OPCO");
        // what the demo left in each filter (the shared test context may list other tests' tasks before them)
        Map<String, String> expected = Map.of(
                "Mes tâches", demo.get(DemoCase.QUOTE_EXPIRING),
                "Tâches de mon équipe", demo.get(DemoCase.QUOTE_WAITING),
                "Devis en cours", demo.get(DemoCase.QUOTE_WAITING),
                "Rétractations (particuliers)", demo.get(DemoCase.WITHDRAWAL_PERIOD),
                "Financements OPCO", demo.get(DemoCase.FUNDER_TO_ANSWER));
        for (String filter : filters) {
            openFilter(filter);
            browser.waitFor(d -> taskListLoaded() && !cardTexts().isEmpty() ? true : null);
            assertThat(countOf(filter)).as("tasks of « %s » for sophie", filter).isPositive();
            if (countOf(filter) <= cardTexts().size()) {
                // every task of the filter is on the page: the demo's is among them
                waitForTaskCard(expected.get(filter));
            }
            browser.screenshot("filter-" + filter.replaceAll("[^A-Za-zéè]+", "-").toLowerCase());
        }
        // her own task: the quote about to expire she took, with its stage on the card
        openFilter("Mes tâches");
        assertThat(waitForTaskCard(demo.get(DemoCase.QUOTE_EXPIRING))).contains("Devis envoyé");
    }

    @Test
    void marieFindsTheDemoContractsByStageInTheManagersView() {
        Map<DemoCase, String> demo = DemoSupport.make(context);
        openBrowser("j8-demo-marie");
        logIn("cockpit", "default", "marie", DemoSupport.PASSWORD);
        browser.click(Browser.byText("a", "Vue de la direction"));
        browser.visible(By.cssSelector("tr.lexom-stage[data-stage='CLOSED'] td:nth-child(2)"));
        for (DemoCase c : DemoCase.values()) {
            if (c.contract()) {
                long inDatabase = jdbc.sql("SELECT COUNT(*) FROM contract WHERE stage = ?").param(c.stage()).query(Long.class).single();
                String shown = browser.visible(By.cssSelector("tr.lexom-stage[data-stage='" + c.stage() + "'] td:nth-child(2)")).getText();
                assertThat(shown).as("%s (%s) in the managers' view", c.stage(), c).isEqualTo(String.valueOf(inDatabase));
                assertThat(Long.parseLong(shown)).isPositive();
            }
        }
        browser.driver().manage().window().setSize(new Dimension(1400, 1300));
        browser.moveMouseAway();
        browser.screenshot("demo-contracts-by-stage");

        // what LEXOM is owed: the demo's formal notice, its eight days running
        browser.click(Browser.byText("a", "Créances"));
        browser.visible(By.xpath("//table[contains(@class,'lexom-notices')]//td[normalize-space(.)="
                + Browser.literal(demo.get(DemoCase.FORMAL_NOTICE)) + "]"));
        browser.screenshot("demo-receivables");

        // the story of the contract resolved for non-payment, found by its client's name
        browser.click(Browser.byText("a", "Histoire d'un contrat"));
        browser.visible(By.cssSelector("input.lexom-search-input")).sendKeys("Bâti Sud Rénovation", Keys.ENTER);
        browser.visible(Browser.containingText("h2", "Contrat " + demo.get(DemoCase.RESOLVED)));
        assertThat(browser.visible(By.cssSelector(".lexom-stage-label")).getText()).startsWith("Résolu");
        browser.screenshot("demo-story-of-a-resolved-contract");
    }

    /** The number of tasks the filter holds for the logged-in user, as the engine counts them for her. */
    private long countOf(String filterName) {
        engine.getIdentityService().setAuthentication("sophie", List.of("sales"));
        try {
            Filter filter = engine.getFilterService().createTaskFilterQuery().filterName(filterName).singleResult();
            return engine.getFilterService().count(filter.getId());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
