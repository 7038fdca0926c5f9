package fr.lexom.contracts.notification;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.delivery.AttendanceSheetDocument;
import fr.lexom.contracts.documents.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which documents a letter carries: the quote its PDF (Q2), an invoice letter its Factur-X, the certificate letter
 * the participant's certificate (E1), the funder's invoice letter also the signed attendance sheet the funder pays on
 * (E1, O3); a letter announcing a fee, a credit note or a re-invoicing carries the
 * invoices and credit notes of the contract that no mail has carried yet. Documents are made (once) in the
 * transaction that queues the mail.
 */
@Component
class LetterDocuments {

    /** Letters that announce invoices or credit notes issued by the same step. */
    private static final List<String> CARRY_NEW_INVOICES = List.of("funder-share-reinvoiced", "client-cancellation",
            "client-postponement", "lexom-decision", "contract-cancelled");

    private final Documents documents;
    private final AttendanceSheetDocument attendanceSheets;
    private final JdbcClient jdbc;

    LetterDocuments(Documents documents, AttendanceSheetDocument attendanceSheets, JdbcClient jdbc) {
        this.documents = documents;
        this.attendanceSheets = attendanceSheets;
        this.jdbc = jdbc;
    }

    List<Long> forLetter(String letter, String contractNumber, Map<String, Object> model) {
        List<Long> ids = new ArrayList<>();
        switch (letter) {
            case "quote" -> ids.add(documents.quote(contractNumber).id());
            case "deposit-request" -> addInvoice(ids, LetterModels.value(model, "deposit"));
            case "prepayment-request" -> addInvoice(ids, LetterModels.value(model, "balance"));
            case "invoice" -> addInvoice(ids, LetterModels.value(model, "invoice"));
            case "funder-invoice" -> {
                Invoice invoice = (Invoice) LetterModels.value(model, "invoice");
                addInvoice(ids, invoice);
                ids.add(attendanceSheets.forFunderInvoice(contractNumber, invoice.number()).id());
            }
            case "completion-certificate" ->
                    ids.add(documents.certificate(contractNumber, (Participant) LetterModels.value(model, "participant")).id());
            default -> {
                if (CARRY_NEW_INVOICES.contains(letter)) {
                    for (String number : invoicesNotYetMailed(contractNumber)) {
                        ids.add(documents.invoice(number).id());
                    }
                }
            }
        }
        return ids;
    }

    private void addInvoice(List<Long> ids, Object invoice) {
        if (invoice instanceof Invoice i) {
            ids.add(documents.invoice(i.number()).id());
        }
    }

    /** Invoices and credit notes of the contract (deposit and final invoices aside) that no mail has carried. */
    private List<String> invoicesNotYetMailed(String contractNumber) {
        return jdbc.sql("""
                SELECT i.number FROM invoice i JOIN contract c ON c.id = i.contract_id
                WHERE c.number = ? AND i.kind IN ('FEE', 'CREDIT_NOTE', 'BALANCE') AND i.funder_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM document d JOIN outbox_attachment a ON a.document_id = d.id
                                  WHERE d.dedup_key = 'invoice/' || i.number)
                ORDER BY i.id""")
                .param(contractNumber).query(String.class).list();
    }
}
