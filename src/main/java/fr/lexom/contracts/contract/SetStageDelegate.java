package fr.lexom.contracts.contract;

import fr.lexom.contracts.process.TaskProperties;
import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Moves the contract to the stage named by the task's property {@code newStage} (shown in Cockpit). */
@Component("setStage")
class SetStageDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    SetStageDelegate(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ContractStage stage = ContractStage.valueOf(TaskProperties.required(execution, "newStage"));
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        contracts.moveTo(number, stage, execution.getCurrentActivityName(), currentUser.id());
        StageVariables.set(execution, stage);
    }
}
