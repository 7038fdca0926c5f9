package fr.lexom.contracts.collection;

import fr.lexom.contracts.process.TaskProperties;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.process.ContractMessages;
import fr.lexom.contracts.process.CurrentUser;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Ends a collection case with the outcome of the task's property {@code outcome}: PAID, RESOLVED (R1: by
 * registered letter, tracking number recorded; the contract ends RESOLVED, and the collection of its other invoices
 * stops there), RESOLVED_WITH_CONTRACT (this invoice's collection, stopped by the resolution of its contract on
 * another invoice: closed as RESOLVED with that letter's tracking number) or WRITTEN_OFF.
 */
@Component("closeCollection")
class CloseCollectionDelegate implements JavaDelegate {

    static final String RESOLVED_WITH_CONTRACT = "RESOLVED_WITH_CONTRACT";

    private final CollectionService collection;
    private final ContractService contracts;
    private final RuntimeService runtimeService;
    private final CurrentUser currentUser;

    CloseCollectionDelegate(CollectionService collection, ContractService contracts, RuntimeService runtimeService,
                            CurrentUser currentUser) {
        this.collection = collection;
        this.contracts = contracts;
        this.runtimeService = runtimeService;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = TaskProperties.required(execution, "outcome");
        String invoiceNumber = execution.getProcessBusinessKey();
        String contractNumber = (String) execution.getVariable("contractNumber");
        String tracking = null;
        if ("RESOLVED".equals(outcome)) {
            FormReader form = new FormReader(execution.getVariables());
            tracking = form.required("trackingNumber", "le numéro de suivi de la lettre recommandée", 60);
            form.check();
        } else if (RESOLVED_WITH_CONTRACT.equals(outcome)) {
            tracking = (String) execution.getVariable("trackingNumber");
        }
        String recorded = RESOLVED_WITH_CONTRACT.equals(outcome) ? "RESOLVED" : outcome;
        collection.close(invoiceNumber, recorded, tracking, currentUser.id());
        execution.setVariable("collectionOutcome", recorded);
        if ("RESOLVED".equals(outcome)) {
            contracts.moveTo(contractNumber, ContractStage.RESOLVED, "Contrat résolu (R1), lettre recommandée " + tracking,
                    currentUser.id());
            runtimeService.createMessageCorrelation(ContractMessages.CONTRACT_RESOLVED)
                    .processInstanceBusinessKey(contractNumber).correlateAllWithResult();
            // R1: a resolved contract is no longer dunned; the collection of its other invoices stops (they stay owed)
            for (ProcessInstance other : runtimeService.createProcessInstanceQuery().processDefinitionKey("invoice-collection")
                    .variableValueEquals("contractNumber", contractNumber).list()) {
                if (!other.getId().equals(execution.getProcessInstanceId())) {
                    runtimeService.createMessageCorrelation(ContractMessages.CONTRACT_RESOLVED_BY_ANOTHER_INVOICE)
                            .processInstanceId(other.getId()).setVariable("trackingNumber", tracking).correlateWithResult();
                }
            }
        } else if ("WRITTEN_OFF".equals(outcome) && collection.contractSettled(contractNumber)) {
            runtimeService.createMessageCorrelation(ContractMessages.INVOICES_SETTLED)
                    .processInstanceBusinessKey(contractNumber).correlateAllWithResult();
        }
    }
}
