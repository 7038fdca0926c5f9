package fr.lexom.contracts.billing;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.BusinessCalendar;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReinvoiceClient (O4): one month after the end, an unpaid funder share is invoiced to the client. */
@Component("reinvoiceFunderShare")
class ReinvoiceFunderShareDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final BusinessCalendar calendar;
    private final fr.lexom.contracts.process.CollectionStarter collection;

    ReinvoiceFunderShareDelegate(InvoiceService invoices, BusinessCalendar calendar,
                                 fr.lexom.contracts.process.CollectionStarter collection) {
        this.invoices = invoices;
        this.calendar = calendar;
        this.collection = collection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        invoices.reinvoiceUnpaidFunderShare((String) execution.getVariable(CONTRACT_NUMBER), calendar.today())
                .ifPresent(invoice -> collection.start(invoice.number()));
    }
}
