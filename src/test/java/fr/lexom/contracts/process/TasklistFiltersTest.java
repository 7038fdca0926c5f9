package fr.lexom.contracts.process;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.util.List;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** The French Tasklist filters each group starts its day with, and what they show to whom. */
@IntegrationTest
class TasklistFiltersTest extends ProcessTestSupport {

    @Test
    void salesSeeTheQuotesWaitingForTheirSignatureInDevisEnCours() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        List<Task> tasks = listAs(TestUsers.SALES, "sales", "Devis en cours");
        assertThat(tasks).extracting(Task::getProcessInstanceId).contains(instance.getId());
        assertThat(tasks).extracting(Task::getTaskDefinitionKey).containsOnly("Task_RecordSignature");
    }

    @Test
    void accountingSeesDepositsToCollect() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        assertThat(listAs(TestUsers.ACCOUNTING, "accounting", "Acomptes à suivre"))
                .extracting(Task::getProcessInstanceId).contains(instance.getId());
    }

    @Test
    void eachGroupSeesOnlyItsFilters() {
        assertThat(filterNames(TestUsers.SALES, "sales")).contains("Devis en cours", "Financements OPCO", "Mes tâches")
                .doesNotContain("Acomptes à suivre", "Décisions de la direction");
        assertThat(filterNames(TestUsers.ACCOUNTING, "accounting")).contains("Acomptes à suivre", "Financements OPCO")
                .doesNotContain("Devis en cours");
        assertThat(filterNames(TestUsers.COORDINATION, "coordination")).contains("Sessions à préparer");
        assertThat(filterNames(TestUsers.MANAGER, "managers")).contains("Décisions de la direction", "Devis en cours",
                "Acomptes à suivre");
    }

    @Test
    void aUserOfAnotherGroupDoesNotSeeTheTasksOfAFilterItCannotWork() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        engine.getIdentityService().setAuthentication(TestUsers.ACCOUNTING, List.of("accounting"));
        try {
            assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list()).isEmpty();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private List<String> filterNames(String user, String group) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            return engine.getFilterService().createFilterQuery().list().stream().map(Filter::getName).toList();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private List<Task> listAs(String user, String group, String filterName) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            Filter filter = engine.getFilterService().createFilterQuery().filterName(filterName).singleResult();
            return engine.getFilterService().list(filter.getId());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
