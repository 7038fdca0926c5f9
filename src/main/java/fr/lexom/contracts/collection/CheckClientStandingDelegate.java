package fr.lexom.contracts.collection;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.process.BusinessCalendar;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckClientStanding (L3): before a training is scheduled, whether its client has an overdue invoice on
 * any contract. If so the contract's timeline shows it and a manager decides whether to suspend.
 */
@Component("checkClientStanding")
class CheckClientStandingDelegate implements JavaDelegate {

    private final CollectionService collection;
    private final ContractService contracts;
    private final BusinessCalendar calendar;

    CheckClientStandingDelegate(CollectionService collection, ContractService contracts, BusinessCalendar calendar) {
        this.collection = collection;
        this.contracts = contracts;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        List<String> overdue = collection.overdueInvoicesOfClient(number, calendar.today());
        execution.setVariable("clientOverdue", !overdue.isEmpty());
        execution.setVariable("overdueInvoices", String.join(", ", overdue));
        if (!overdue.isEmpty()) {
            contracts.recordEvent(number, "CLIENT_OVERDUE", "Le client a des factures échues impayées : " + overdue + " (L3)", "system");
        }
    }
}
