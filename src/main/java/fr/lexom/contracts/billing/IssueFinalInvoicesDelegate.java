package fr.lexom.contracts.billing;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import java.util.List;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_IssueFinalInvoices (P1, O3): the funder's share and the client's balance, at the end of the training. */
@Component("issueFinalInvoices")
class IssueFinalInvoicesDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    IssueFinalInvoicesDelegate(InvoiceService invoices, ContractService contracts, BusinessCalendar calendar,
                               CurrentUser currentUser) {
        this.invoices = invoices;
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        List<Invoice> issued = invoices.issueFinalInvoices(number, calendar.today());
        contracts.moveTo(number, ContractStage.INVOICED, issued.isEmpty() ? "Rien à facturer : tout est déjà facturé"
                : "Factures " + issued.stream().map(Invoice::number).toList(), currentUser.id());
        StageVariables.set(execution, ContractStage.INVOICED);
        execution.setVariable("funderInvoiced", invoices.existing(number, InvoiceKind.FUNDER_SHARE).isPresent());
    }
}
