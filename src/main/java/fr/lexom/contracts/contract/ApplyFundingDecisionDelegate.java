package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyFundingDecision (O2, O3): records the funder's answer. A granted amount is incl. VAT and at most
 * the contract's price; the rest is the client's (O3).
 */
@Component("applyFundingDecision")
class ApplyFundingDecisionDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    ApplyFundingDecisionDelegate(ContractService contracts, BusinessCalendar calendar, CurrentUser currentUser) {
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        FormReader form = new FormReader(execution.getVariables());
        String decision = form.required("fundingDecision", "la décision du financeur", 10);
        boolean granted = "GRANTED".equals(decision);
        if (decision != null && !granted && !"REFUSED".equals(decision)) {
            form.error("fundingDecision", "Décision inconnue.");
        }
        BigDecimal amount = null;
        String reference = null;
        if (granted) {
            amount = form.amount("grantedAmount", "le montant accordé (TTC)");
            reference = form.required("agreementReference", "la référence de l'accord de prise en charge", 100);
            if (amount != null && amount.compareTo(contract.priceGross()) > 0) {
                form.error("grantedAmount", "Le montant accordé ne peut pas dépasser le prix TTC du contrat ("
                        + contract.priceGross() + " €).");
            }
        }
        form.check();
        contracts.recordFundingDecision(number, granted, amount, reference, calendar.today(), currentUser.id());
        execution.setVariable("fundingGranted", granted);
    }
}
