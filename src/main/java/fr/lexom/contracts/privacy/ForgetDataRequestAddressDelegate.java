package fr.lexom.contracts.privacy;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Task_ForgetRequestAddress (G1): the values typed into the "Demande RGPD" form name the person; once the request is
 * handled they leave the instance's variables. Task_PurgeRequestHistory ({@link Purge}) then removes them from the
 * history, in a transaction of its own (the history of a removal is written when its transaction commits). The
 * request's number and outcome stay.
 */
@Component("forgetDataRequestAddress")
class ForgetDataRequestAddressDelegate implements JavaDelegate {

    static final List<String> FORM_FIELDS = List.of("subjectEmail", "newName", "newFirstName", "newLastName", "newEmail",
            "newPhone", "newBillingLine1", "newBillingPostalCode", "newBillingCity");

    @Override
    public void execute(DelegateExecution execution) {
        execution.getProcessInstance().removeVariables(FORM_FIELDS);
    }

    /** Task_PurgeRequestHistory: the form's values leave the request's history, with their details. */
    @Component("purgeDataRequestHistory")
    static class Purge implements JavaDelegate {

        private final HistoryService historyService;
        private final EngineHistoryScrubber scrubber;

        Purge(HistoryService historyService, EngineHistoryScrubber scrubber) {
            this.historyService = historyService;
            this.scrubber = scrubber;
        }

        @Override
        public void execute(DelegateExecution execution) {
            for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(execution.getProcessInstanceId()).variableNameIn(FORM_FIELDS.toArray(String[]::new))
                    .includeDeleted().list()) {
                historyService.deleteHistoricVariableInstance(variable.getId());
            }
            // the values each variable took, and those of the start form, are history details of their own
            scrubber.scrubNames(execution.getProcessInstanceId(), FORM_FIELDS);
        }
    }
}
