package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ExpireQuote (Q1): unaccepted 30 days after issue, the contract ends EXPIRED. */
@Component("expireQuote")
class ExpireQuoteDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    ExpireQuoteDelegate(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        contracts.moveTo(number, ContractStage.EXPIRED, "Devis échu sans acceptation après 30 jours (Q1)", currentUser.id());
        StageVariables.set(execution, ContractStage.EXPIRED);
    }
}
