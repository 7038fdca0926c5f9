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
import org.springframework.stereotype.Component;

/**
 * Ends a collection case with the outcome of the task's property {@code outcome}: PAID, RESOLVED (R1: by
 * registered letter, tracking number recorded; the contract ends RESOLVED) or WRITTEN_OFF.
 */
@Component("closeCollection")
class CloseCollectionDelegate implements JavaDelegate {

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
        }
        collection.close(invoiceNumber, outcome, tracking, currentUser.id());
        execution.setVariable("collectionOutcome", outcome);
        if ("RESOLVED".equals(outcome)) {
            contracts.moveTo(contractNumber, ContractStage.RESOLVED, "Contrat résolu (R1), lettre recommandée " + tracking,
                    currentUser.id());
            runtimeService.createMessageCorrelation(ContractMessages.CONTRACT_RESOLVED)
                    .processInstanceBusinessKey(contractNumber).correlateAllWithResult();
        } else if ("WRITTEN_OFF".equals(outcome) && collection.contractSettled(contractNumber)) {
            runtimeService.createMessageCorrelation(ContractMessages.INVOICES_SETTLED)
                    .processInstanceBusinessKey(contractNumber).correlateAllWithResult();
        }
    }
}
