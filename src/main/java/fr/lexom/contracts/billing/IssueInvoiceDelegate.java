package fr.lexom.contracts.billing;

import fr.lexom.contracts.process.TaskProperties;
import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Issues the deposit (D1) or the full prepayment (P2-2025) invoice, per the task's property {@code kind}. */
@Component("issueInvoice")
class IssueInvoiceDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    IssueInvoiceDelegate(InvoiceService invoices, ContractService contracts, BusinessCalendar calendar, CurrentUser currentUser) {
        this.invoices = invoices;
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        String kind = TaskProperties.required(execution, "kind");
        Invoice invoice = "PREPAYMENT".equals(kind)
                ? invoices.issuePrepayment(number, calendar.today())
                : invoices.issueDeposit(number, calendar.today());
        contracts.moveTo(number, ContractStage.AWAITING_DEPOSIT, "Facture " + invoice.number() + " émise ("
                + ("PREPAYMENT".equals(kind) ? "règlement intégral, P2-2025" : "acompte de 30 %, D1") + ")", currentUser.id());
        StageVariables.set(execution, ContractStage.AWAITING_DEPOSIT);
        execution.setVariable("PREPAYMENT".equals(kind) ? "prepaymentInvoiceNumber" : "depositInvoiceNumber", invoice.number());
        execution.setVariable("depositPaid", false);
    }
}
