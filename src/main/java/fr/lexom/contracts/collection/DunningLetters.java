package fr.lexom.contracts.collection;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.contract.CgvEdition;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.notification.Letters;
import fr.lexom.contracts.notification.Outbox;
import fr.lexom.contracts.process.BusinessCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Writes a collection letter with the invoice's figures as of today (L1, L2) and, for a consumer, its mediator (M1). */
@Component
class DunningLetters {

    /** M1: the consumer mediator named by each edition of the CGV. */
    static final Map<CgvEdition, String> MEDIATORS = Map.of(
            CgvEdition.CGV_2025, "MED CONSO DEV, Saint-Étienne",
            CgvEdition.CGV_LEGACY, "CNPM - Médiation de la consommation, Saint-Chamond");

    private final CollectionService collection;
    private final ContractService contracts;
    private final Letters letters;
    private final Outbox outbox;
    private final BusinessCalendar calendar;
    private final Documents documents;

    DunningLetters(CollectionService collection, ContractService contracts, Letters letters, Outbox outbox,
                   BusinessCalendar calendar, Documents documents) {
        this.collection = collection;
        this.contracts = contracts;
        this.letters = letters;
        this.outbox = outbox;
        this.calendar = calendar;
        this.documents = documents;
    }

    /** The error {@code invoice-collection} catches in « Facture réglée avant l'envoi d'un courrier ». */
    static final String INVOICE_SETTLED = "INVOICE_SETTLED";

    /**
     * Writes a letter of the collection; refuses, with {@link #INVOICE_SETTLED}, when the invoice was settled before it
     * left. A payment recorded while the letter's job waited for the job executor found no « Facture réglée » event to
     * end the case (the process waits at no event then); the letter is the last point where the case can see it.
     */
    CollectionFigures send(DelegateExecution execution, String letter, Map<String, Object> extra) {
        String invoiceNumber = execution.getProcessBusinessKey();
        CollectionFigures figures = collection.figures(invoiceNumber, calendar.today());
        Invoice invoice = figures.invoice();
        if (invoice.settled()) {
            throw new BpmnError(INVOICE_SETTLED, "Invoice " + invoiceNumber + " was settled before its letter " + letter + " left");
        }
        ContractSummary contract = contracts.find(invoice.contractNumber());
        Map<String, Object> model = new HashMap<>(extra);
        model.put("contract", contract);
        model.put("invoice", invoice);
        model.put("figures", figures);
        model.put("consumer", !contract.clientKind().isLegalPerson());
        model.put("mediator", MEDIATORS.get(contract.cgvEdition()));
        String prefix = invoiceNumber + "/" + letter + "/";
        int occurrence = outbox.nextOccurrence(contract.number(), prefix);
        List<Long> attachments = new ArrayList<>();
        if ("formal-notice".equals(letter)) {
            // R1, R2: the formal notice itself, as a document the client can keep and LEXOM can send by registered post
            attachments.add(documents.formalNotice(figures, (LocalDate) extra.get("deadline"), occurrence,
                    (String) model.get("mediator")).id());
        }
        if (!"resolution-letter".equals(letter)) {
            attachments.add(documents.invoice(invoiceNumber).id()); // a copy of the invoice claimed
        }
        outbox.enqueue(letters.write(letter, prefix + occurrence, contract.number(),
                List.of(contract.clientEmail()), model).withAttachments(attachments));
        return figures;
    }
}
