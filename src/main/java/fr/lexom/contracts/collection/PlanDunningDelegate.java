package fr.lexom.contracts.collection;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PlanDunning: opens the collection case and dates the reminders from the invoice's due date (P1). */
@Component("planDunning")
class PlanDunningDelegate implements JavaDelegate {

    private final CollectionService collection;
    private final ContractService contracts;
    private final CollectionProperties properties;
    private final BusinessCalendar calendar;

    PlanDunningDelegate(CollectionService collection, ContractService contracts, CollectionProperties properties,
                        BusinessCalendar calendar) {
        this.collection = collection;
        this.contracts = contracts;
        this.properties = properties;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        Invoice invoice = collection.invoice(number);
        ContractSummary contract = contracts.find(invoice.contractNumber());
        collection.open(number);
        ProcessVariables.setUnlessEqual(execution, "invoiceNumber", number); // given at the start by CollectionStarter
        execution.setVariable("contractNumber", contract.number());
        execution.setVariable("clientKind", contract.clientKind().name());
        execution.setVariable("invoicePaid", invoice.settled());
        execution.setVariable("dunningStage", "WAITING");
        execution.setVariable("amountDue", invoice.outstanding().toPlainString());
        execution.setVariable("firstReminderAt", calendar.morningOf(invoice.dueOn().plusDays(properties.firstReminderDays())));
        execution.setVariable("secondReminderAt", calendar.morningOf(invoice.dueOn().plusDays(properties.secondReminderDays())));
        execution.setVariable("formalNoticeAt", calendar.morningOf(invoice.dueOn().plusDays(properties.formalNoticeDays())));
    }
}
