package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;
import static fr.lexom.contracts.process.ContractVariables.START_DATE;

import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.ContractTimers;
import fr.lexom.contracts.process.CurrentUser;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ApplyNewDates (D2): new session dates from coordination; every deadline of the contract follows them. */
@Component("applyNewDates")
class ApplyNewDatesDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final InvoiceService invoices;
    private final BusinessCalendar calendar;
    private final ContractTimers timers;
    private final CurrentUser currentUser;

    ApplyNewDatesDelegate(ContractService contracts, InvoiceService invoices, BusinessCalendar calendar,
                          ContractTimers timers, CurrentUser currentUser) {
        this.contracts = contracts;
        this.invoices = invoices;
        this.calendar = calendar;
        this.timers = timers;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        FormReader form = new FormReader(execution.getVariables());
        FormReader.NewDates dates = form.newDates(calendar.today());
        form.check();
        LocalDate start = dates.start();
        LocalDate end = dates.end();
        contracts.reschedule(number, start, end, currentUser.id());
        ContractSummary contract = contracts.find(number);
        timers.reschedule(execution, contract);
        // nothing left to collect on the deposit: paid, or credited meanwhile (C2-LEGACY keeps a paid deposit as the
        // postponement's fee and cancels its invoice); then there is no deposit to wait for
        var deposits = invoices.ofContract(number).stream().filter(i -> i.kind() == InvoiceKind.DEPOSIT).toList();
        execution.setVariable("depositPaid", !deposits.isEmpty() && deposits.stream().allMatch(fr.lexom.contracts.billing.Invoice::settled));
    }
}
