package fr.lexom.contracts.notification;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.delivery.AttendanceSheetDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends every invoice of the contract not mailed yet, one mail per invoice (key = invoice number): to the
 * client, or to the funder for its share when the funder's address is known, with the signed attendance sheet (E1, O3);
 * otherwise the funder's invoice is left for staff to file on the funder's portal, as the contract's timeline says, its
 * attendance sheet archived with it (listed in the contract's documents) for them to file too.
 */
@Component("sendInvoices")
class SendInvoicesDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final LetterModels models;
    private final Letters letters;
    private final Outbox outbox;
    private final LetterDocuments documents;
    private final AttendanceSheetDocument attendanceSheets;

    SendInvoicesDelegate(ContractService contracts, LetterModels models, Letters letters, Outbox outbox,
                         LetterDocuments documents, AttendanceSheetDocument attendanceSheets) {
        this.contracts = contracts;
        this.models = models;
        this.letters = letters;
        this.outbox = outbox;
        this.documents = documents;
        this.attendanceSheets = attendanceSheets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String letter = SendLetterDelegate.requiredLetter(execution);
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        Map<String, Object> base = models.of(number, execution);
        ContractSummary contract = (ContractSummary) base.get("contract");
        @SuppressWarnings("unchecked")
        List<Invoice> invoices = (List<Invoice>) LetterModels.value(base, "invoices");
        for (Invoice invoice : invoices) {
            if (invoice.kind() == InvoiceKind.DEPOSIT || !invoice.open()) {
                continue;
            }
            Map<String, Object> model = new HashMap<>(base);
            model.put("invoice", invoice);
            String key = number + "/invoice/" + invoice.number();
            if (invoice.billedToFunder()) {
                Optional<String> funder = contracts.funderEmail(number);
                if (funder.isPresent()) {
                    outbox.enqueue(letters.write("funder-invoice", key, number, List.of(funder.get()), model)
                            .withAttachments(documents.forLetter("funder-invoice", number, model)));
                } else {
                    attendanceSheets.forFunderInvoice(number, invoice.number());
                    contracts.recordEvent(number, "FUNDER_INVOICE_TO_FILE", "Facture " + invoice.number()
                            + " et feuille d'émargement à déposer sur le portail de " + contract.funderName()
                            + " (pas d'adresse connue)", "system");
                }
            } else {
                outbox.enqueue(letters.write(letter, key, number, List.of(contract.clientEmail()), model)
                        .withAttachments(documents.forLetter(letter, number, model)));
            }
        }
    }
}
