package fr.lexom.contracts.collection;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.InterestRate;
import fr.lexom.contracts.billing.LateInterest;
import fr.lexom.contracts.billing.Owed;
import fr.lexom.contracts.billing.RecoveryIndemnity;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Collection cases of unpaid invoices and the figures of their reminders (L1, L2); engine-free. */
@Service
public class CollectionService {

    private final JdbcClient jdbc;
    private final InvoiceService invoices;
    private final ContractService contracts;

    public CollectionService(JdbcClient jdbc, InvoiceService invoices, ContractService contracts) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.contracts = contracts;
    }

    public Invoice invoice(String number) {
        return invoices.find(number).orElseThrow(() -> new IllegalStateException("Unknown invoice " + number));
    }

    /** L1 + L2 as of {@code on}, from the rates table. */
    public CollectionFigures figures(String invoiceNumber, LocalDate on) {
        Invoice invoice = invoice(invoiceNumber);
        ContractSummary contract = contracts.find(invoice.contractNumber());
        LateInterest interest = new LateInterest(rates());
        long daysLate = Math.max(0, ChronoUnit.DAYS.between(invoice.dueOn(), on));
        BigDecimal rate = daysLate > 0 ? interest.rateOfHalfYear(halfYearOf(on)) : BigDecimal.ZERO;
        // L1 runs on the amount incl. VAT still unpaid
        BigDecimal amount = interest.amount(invoice.outstanding(), invoice.dueOn(), on);
        return new CollectionFigures(invoice, on, daysLate, invoice.outstanding(), rate, amount,
                RecoveryIndemnity.due(contract.clientKind(), invoice.dueOn(), on));
    }

    /**
     * The late charges of an invoice: still unpaid, on what is outstanding as of today; paid late, on the gross
     * from the due date to the day the last payment arrived. (Partial payments along the way are not deducted
     * from the base: a simplification in the client's disfavour of at most a few days; see README.)
     */
    public CollectionFigures lateChargesFigures(String invoiceNumber, LocalDate today) {
        Invoice invoice = invoice(invoiceNumber);
        if (!"PAID".equals(invoice.status())) {
            return figures(invoiceNumber, today);
        }
        LocalDate paidOn = jdbc.sql("SELECT MAX(received_on) FROM payment WHERE invoice_id = ?").param(invoice.id())
                .query(LocalDate.class).single();
        ContractSummary contract = contracts.find(invoice.contractNumber());
        LateInterest interest = new LateInterest(rates());
        long daysLate = Math.max(0, ChronoUnit.DAYS.between(invoice.dueOn(), paidOn));
        BigDecimal rate = daysLate > 0 ? interest.rateOfHalfYear(halfYearOf(paidOn)) : BigDecimal.ZERO;
        return new CollectionFigures(invoice, paidOn, daysLate, invoice.gross(), rate,
                interest.amount(invoice.gross(), invoice.dueOn(), paidOn), RecoveryIndemnity.due(contract.clientKind(), invoice.dueOn(), paidOn));
    }

    /**
     * The receivables: client invoices that owe something and are past their due date ({@link Owed#OVERDUE_SQL}),
     * whose collection case (if any) is not closed; one positional parameter, the day.
     */
    public static final String RECEIVABLES = """
            SELECT i.number, COALESCE(k.stage, 'NONE') AS stage, k.formal_notice_deadline, cl.name
            FROM invoice i JOIN client cl ON cl.id = i.client_id
            LEFT JOIN collection_case k ON k.invoice_id = i.id
            WHERE k.outcome IS NULL AND %s
            ORDER BY i.due_on, i.number""".formatted(Owed.OVERDUE_SQL);

    /** Open client invoices past their due date, with their dunning stage: what LEXOM is owed, as of today. */
    public List<Receivable> receivables(LocalDate today) {
        return jdbc.sql(RECEIVABLES)
                .param(today)
                .query((rs, n) -> new Receivable(figures(rs.getString("number"), today), rs.getString("name"),
                        rs.getString("stage"), rs.getObject("formal_notice_deadline", LocalDate.class)))
                .list();
    }

    /** One line of the receivables: the figures, the client and where the dunning stands. */
    public record Receivable(CollectionFigures figures, String clientName, String dunningStage, LocalDate formalNoticeDeadline) {
    }

    public List<InterestRate> rates() {
        return jdbc.sql("SELECT kind, valid_from, rate FROM interest_rate ORDER BY valid_from")
                .query((rs, n) -> new InterestRate(rs.getString("kind"), rs.getObject("valid_from", LocalDate.class),
                        rs.getBigDecimal("rate"))).list();
    }

    @Transactional
    public void open(String invoiceNumber) {
        Invoice invoice = invoice(invoiceNumber);
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM collection_case WHERE invoice_id = ?").param(invoice.id())
                .query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("INSERT INTO collection_case (invoice_id, stage) VALUES (?, 'WAITING')").param(invoice.id()).update();
        }
    }

    @Transactional
    public void moveTo(String invoiceNumber, String stage, String detail) {
        Invoice invoice = invoice(invoiceNumber);
        jdbc.sql("UPDATE collection_case SET stage = ? WHERE invoice_id = ?").params(stage, invoice.id()).update();
        contracts.recordEvent(invoice.contractNumber(), "COLLECTION_" + stage, "Facture " + invoiceNumber + " : " + detail, "system");
    }

    @Transactional
    public void formalNotice(String invoiceNumber, LocalDate sentOn, LocalDate deadline) {
        Invoice invoice = invoice(invoiceNumber);
        jdbc.sql("UPDATE collection_case SET stage = 'FORMAL_NOTICE', formal_notice_on = ?, formal_notice_deadline = ? WHERE invoice_id = ?")
                .params(sentOn, deadline, invoice.id()).update();
        contracts.recordEvent(invoice.contractNumber(), "FORMAL_NOTICE", "Mise en demeure pour la facture " + invoiceNumber
                + ", délai de huit jours jusqu'au " + deadline + " (R1)", "system");
    }

    @Transactional
    public void close(String invoiceNumber, String outcome, String trackingNumber, String actor) {
        Invoice invoice = invoice(invoiceNumber);
        jdbc.sql("UPDATE collection_case SET stage = 'CLOSED', outcome = ?, resolution_tracking_number = ?, closed_at = CURRENT_TIMESTAMP WHERE invoice_id = ?")
                .params(outcome, trackingNumber, invoice.id()).update();
        contracts.recordEvent(invoice.contractNumber(), "COLLECTION_" + outcome, "Facture " + invoiceNumber + " : " + switch (outcome) {
            case "PAID" -> "réglée";
            case "RESOLVED" -> "contrat résolu par lettre recommandée " + trackingNumber + " (R1)";
            default -> "passée en perte";
        }, actor);
    }

    /**
     * L3: the client's invoices on its other contracts that are past their due date and not fully paid (a written-off
     * claim owes nothing more: {@link Owed}). This contract's own deposit or prepayment is D2's and P2's business, already decided by then;
     * funders' invoices are the funders' (O4).
     */
    public List<String> overdueInvoicesOfClient(String contractNumber, LocalDate today) {
        return jdbc.sql("""
                SELECT i.number FROM invoice i
                JOIN contract c ON c.client_id = i.client_id
                WHERE c.number = ? AND i.contract_id <> c.id
                  AND %s
                ORDER BY i.number""".formatted(Owed.OVERDUE_SQL))
                .params(contractNumber, today).query(String.class).list();
    }

    /** Whether every invoice of the contract is paid, cancelled or written off ({@link Owed}: none still owes). */
    public boolean contractSettled(String contractNumber) {
        return invoices.ofContract(contractNumber).stream().noneMatch(Invoice::open);
    }

    /** L1: the late-interest rate in force on {@code day} (its half-year's); fails when the rates table lacks it. */
    public BigDecimal lateInterestRateOn(LocalDate day) {
        return new LateInterest(rates()).rateOfHalfYear(halfYearOf(day));
    }

    private static LocalDate halfYearOf(LocalDate day) {
        return day.getMonthValue() <= 6 ? day.withDayOfYear(1) : LocalDate.of(day.getYear(), 7, 1);
    }
}
