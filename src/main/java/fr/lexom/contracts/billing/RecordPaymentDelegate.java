package fr.lexom.contracts.billing;

import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPayment ("Enregistrer un paiement"): a payment typed by accounting, matched and recorded once per
 * bank reference; the processes waiting for that invoice are told. The instance is named by the reference.
 */
@Component("recordPayment")
class RecordPaymentDelegate implements JavaDelegate {

    private final PaymentService payments;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    RecordPaymentDelegate(PaymentService payments, BusinessCalendar calendar, CurrentUser currentUser) {
        this.payments = payments;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FormReader form = new FormReader(execution.getVariables());
        String reference = form.required("paymentReference", "la référence du paiement", 100);
        String invoice = form.optional("invoiceNumber", 30);
        String contract = form.optional("contractNumber", 30);
        BigDecimal amount = form.amount("paymentAmount", "le montant reçu");
        LocalDate receivedOn = form.date("paymentDate", "la date de réception");
        if (invoice == null && contract == null) {
            form.error("invoiceNumber", "Indiquez le numéro de facture, ou à défaut celui du contrat.");
        }
        if (receivedOn != null && receivedOn.isAfter(calendar.today())) {
            form.error("paymentDate", "La date de réception ne peut pas être dans le futur.");
        }
        form.check();
        PaymentResult result = payments.record(new PaymentReport(reference, invoice == null ? null : invoice.toUpperCase(),
                contract == null ? null : contract.toUpperCase(), amount, receivedOn, form.optional("payer", 200), "TASKLIST",
                currentUser.id()), true);
        execution.setProcessBusinessKey(reference);
        execution.setVariable("invoiceNumber", result.invoice().number());
        execution.setVariable("contractNumber", result.invoice().contractNumber());
        execution.setVariable("invoiceStatus", result.invoice().status());
        execution.setVariable("duplicate", result.duplicate());
    }
}
