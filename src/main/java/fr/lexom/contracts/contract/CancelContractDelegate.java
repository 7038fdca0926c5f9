package fr.lexom.contracts.contract;

import fr.lexom.contracts.process.TaskProperties;
import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Ends the contract CANCELLED for the reason given by the task's property {@code reason}. */
@Component("cancelContract")
class CancelContractDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    CancelContractDelegate(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = TaskProperties.required(execution, "reason");
        contracts.moveTo((String) execution.getVariable(CONTRACT_NUMBER), ContractStage.CANCELLED, reason, currentUser.id());
        StageVariables.set(execution, ContractStage.CANCELLED);
        execution.setVariable("cancellationReason", reason);
    }
}
