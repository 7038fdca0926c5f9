package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.CurrentUser;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SuspendTraining (D2): the training waits for the deposit; LEXOM no longer holds the session dates. */
@Component("suspendTraining")
class SuspendTrainingDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    SuspendTrainingDelegate(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        contracts.recordEvent((String) execution.getVariable(CONTRACT_NUMBER), "SUSPENDED",
                "Formation suspendue jusqu'au paiement de l'acompte ; dates libérées (D2)", currentUser.id());
    }
}
