package fr.lexom.contracts.billing;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.ReusedReferenceException;
import fr.lexom.contracts.contract.UnknownReferenceException;
import fr.lexom.contracts.security.Plausibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records payments once per bank reference and matches them to invoices; when an invoice becomes paid it
 * publishes {@link InvoicePaid}, which the process glue turns into a message for the waiting contract.
 */
@Service
public class PaymentService {

    private final JdbcClient jdbc;
    private final InvoiceService invoices;
    private final ApplicationEventPublisher events;
    private final ContractService contracts;

    public PaymentService(JdbcClient jdbc, InvoiceService invoices, ApplicationEventPublisher events, ContractService contracts) {
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.invoices = invoices;
        this.events = events;
    }

    /**
     * Records the payment, or returns the one already recorded under its reference. A reference reused for a
     * different payment is refused.
     *
     * @param notify whether to tell waiting processes (false when a process step records the payment itself)
     */
    @Transactional
    public PaymentResult record(PaymentReport report, boolean notify) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (report.externalReference() == null || report.externalReference().isBlank()) {
            errors.put("externalReference", "Veuillez indiquer la référence du paiement (relevé bancaire).");
        } else if (report.externalReference().length() > 100) {
            errors.put("externalReference", "Référence trop longue : 100 caractères au plus.");
        }
        if (report.amount() == null || report.amount().signum() <= 0 || report.amount().scale() > 2) {
            errors.put("amount", "Le montant doit être positif, avec 2 décimales au plus.");
        }
        if (report.receivedOn() == null) {
            errors.put("receivedOn", "Veuillez indiquer la date de réception du paiement.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Optional<PaymentResult> existing = existing(report);
        if (existing.isPresent()) {
            return existing.get();
        }
        Invoice invoice = match(report);
        // Plausibility: a payment is received after its quote was issued (0001-01-01 is a typing or a feed error)
        LocalDate quoteIssuedOn = jdbc.sql("SELECT c.quote_issued_on FROM contract c JOIN invoice i ON i.contract_id = c.id WHERE i.id = ?")
                .param(invoice.id()).query(LocalDate.class).single();
        Plausibility.sinceQuote(report.receivedOn(), quoteIssuedOn, LocalDate.MAX, "La date de réception du paiement")
                .ifPresent(message -> {
                    throw new InvalidRequestException(Map.of("receivedOn", message));
                });
        jdbc.sql("""
                INSERT INTO payment (external_reference, invoice_id, contract_id, amount, received_on, payer, source, recorded_by,
                                     recorded_at)
                SELECT ?, i.id, i.contract_id, ?, ?, ?, ?, ?, ? FROM invoice i WHERE i.id = ?""")
                .params(report.externalReference().strip(), report.amount(), report.receivedOn(), report.payer(),
                        report.source(), report.recordedBy(), contracts.now(), invoice.id())
                .update();
        long paymentId = jdbc.sql("SELECT id FROM payment WHERE external_reference = ?")
                .param(report.externalReference().strip()).query(Long.class).single();
        Invoice updated = invoices.refreshStatus(invoice.id());
        // An over-payment is recorded as received; the excess is a credit to refund (Owed), written on the timeline.
        BigDecimal excess = updated.excess().subtract(invoice.excess());
        jdbc.sql("""
                INSERT INTO contract_event (contract_id, occurred_at, kind, detail, actor)
                SELECT contract_id, ?, 'PAYMENT_RECEIVED', ?, ? FROM invoice WHERE id = ?""")
                .params(contracts.now(), "Paiement " + report.externalReference().strip() + " de " + report.amount() + " EUR sur la facture "
                        + updated.number() + " (" + updated.status() + ")", report.recordedBy(), invoice.id())
                .update();
        if (excess.signum() > 0) {
            jdbc.sql("""
                    INSERT INTO contract_event (contract_id, occurred_at, kind, detail, actor)
                    SELECT contract_id, ?, 'OVERPAYMENT', ?, ? FROM invoice WHERE id = ?""")
                    .params(contracts.now(), "Trop-perçu de " + excess + " EUR sur la facture " + updated.number() + " : à rembourser",
                            report.recordedBy(), invoice.id())
                    .update();
        }
        if (notify && "PAID".equals(updated.status())) {
            events.publishEvent(new InvoicePaid(updated, invoices.allSettled(updated.contractNumber())));
        }
        return new PaymentResult(paymentId, updated, false, excess);
    }

    private Optional<PaymentResult> existing(PaymentReport report) {
        return jdbc.sql("SELECT id, invoice_id, amount FROM payment WHERE external_reference = ?")
                .param(report.externalReference().strip())
                .query((rs, n) -> {
                    BigDecimal amount = rs.getBigDecimal("amount");
                    if (amount.compareTo(report.amount()) != 0) {
                        throw new ReusedReferenceException("externalReference", "La référence " + report.externalReference().strip()
                                + " est déjà enregistrée pour un autre montant (" + amount + " EUR).");
                    }
                    long invoiceId = rs.getLong("invoice_id");
                    Invoice invoice = invoices.refreshStatus(invoiceId);
                    return new PaymentResult(rs.getLong("id"), invoice, true, BigDecimal.ZERO);
                })
                .optional();
    }

    /** A contract named in the payment must exist: an unknown one is a 404 for the API, as in a path. */
    private void checkKnownContract(PaymentReport report) {
        if (report.contractNumber() != null && !report.contractNumber().isBlank()
                && contracts.findOptional(report.contractNumber().strip()).isEmpty()) {
            throw new UnknownReferenceException("contractNumber", "Contrat inconnu : " + report.contractNumber().strip() + ".");
        }
    }

    private Invoice match(PaymentReport report) {
        if (report.invoiceNumber() != null && !report.invoiceNumber().isBlank()) {
            checkKnownContract(report);
            Invoice invoice = invoices.find(report.invoiceNumber().strip()).orElseThrow(() -> new UnknownReferenceException(
                    "invoiceNumber", "Facture inconnue : " + report.invoiceNumber() + "."));
            if (report.contractNumber() != null && !report.contractNumber().isBlank()
                    && !invoice.contractNumber().equals(report.contractNumber().strip())) {
                throw new InvalidRequestException(Map.of("invoiceNumber",
                        "La facture " + invoice.number() + " n'appartient pas au contrat " + report.contractNumber() + "."));
            }
            if ("CANCELLED".equals(invoice.status()) || invoice.kind() == InvoiceKind.CREDIT_NOTE) {
                throw new InvalidRequestException(Map.of("invoiceNumber",
                        "La facture " + invoice.number() + " est annulée : rattachez le paiement à une autre facture."));
            }
            return invoice;
        }
        if (report.contractNumber() == null || report.contractNumber().isBlank()) {
            throw new InvalidRequestException(Map.of("invoiceNumber",
                    "Indiquez la facture réglée, ou à défaut le numéro du contrat."));
        }
        checkKnownContract(report);
        // The oldest open invoice of the client (funders pay their own invoice by its number).
        return invoices.ofContract(report.contractNumber().strip()).stream()
                .filter(i -> i.open() && !i.billedToFunder())
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(Map.of("contractNumber",
                        "Aucune facture à régler pour le contrat " + report.contractNumber() + ".")));
    }
}
