package fr.lexom.contracts.billing;

import fr.lexom.contracts.process.TaskProperties;
import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After "Encaisser ..." (D1, P2-2025): records the payment typed by accounting on the invoice the task is about,
 * once per bank reference, and tells the model whether the invoice is now paid in full.
 */
@Component("recordTaskPayment")
class RecordTaskPaymentDelegate implements JavaDelegate {

    private final PaymentService payments;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    RecordTaskPaymentDelegate(PaymentService payments, BusinessCalendar calendar, CurrentUser currentUser) {
        this.payments = payments;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String kind = TaskProperties.required(execution, "kind");
        String invoiceNumber = (String) execution.getVariable(
                "PREPAYMENT".equals(kind) ? "prepaymentInvoiceNumber" : "depositInvoiceNumber");
        FormReader form = new FormReader(execution.getVariables());
        BigDecimal amount = form.amount("paymentAmount", "le montant reçu");
        LocalDate receivedOn = form.date("paymentDate", "la date de réception");
        String reference = form.required("paymentReference", "la référence du paiement (relevé bancaire)", 100);
        if (receivedOn != null && receivedOn.isAfter(calendar.today())) {
            form.error("paymentDate", "La date de réception ne peut pas être dans le futur.");
        }
        form.check();
        PaymentResult result = payments.record(new PaymentReport(reference, invoiceNumber,
                (String) execution.getVariable(CONTRACT_NUMBER), amount, receivedOn, null, "TASKLIST", currentUser.id()), false);
        boolean paid = result.invoice().settled();
        execution.setVariable("invoicePaid", paid);
        execution.setVariable("depositPaid", paid);
        execution.setVariable("outstandingAmount", result.invoice().outstanding().toPlainString());
        execution.removeVariables(java.util.List.of("paymentAmount", "paymentDate", "paymentReference"));
    }
}
