package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;

/**
 * What a client owes, computed once (issue 21): per invoice, per contract, per client, in Java for the invoices
 * the app has loaded and in SQL for the views that filter or aggregate in the database. Every view of what is
 * owed (contract API, invoices, receivables, the managers' view, dunning letters and formal notices, late
 * interest L1, the client's standing L3) goes through here.
 *
 * <ul>
 *   <li>A cancelled invoice (credited in full by a credit note: C1, C2-LEGACY, D3-LEGACY, O4, X1) owes nothing; what
 *       was paid on it is the cancellation's business (transferred to the fee, or refunded).</li>
 *   <li>A credit note owes nothing: it is LEXOM's document, not the client's debt.</li>
 *   <li>A written-off invoice (the managers gave up its collection after the formal notice: R1's « passer en perte »)
 *       is no longer outstanding: what it still lacked is {@linkplain #writtenOff written off}, a loss reported as
 *       such, never counted as owed again (receivables, dunning, L1, L3). A payment received afterwards is recorded
 *       and lowers the loss.</li>
 *   <li>Any other invoice owes its gross less what was paid on it, never less than zero; what was paid beyond the
 *       gross is an {@linkplain #excess excess}, a credit to refund, never a negative amount due.</li>
 * </ul>
 *
 * <p>The SQL fragments below say the same as the Java methods, on an invoice aliased {@code i}; {@code OwedEverywhereTest}
 * compares them on every invoice of the test database.
 */
public final class Owed {

    /** SQL: what was paid on invoice {@code i}. */
    public static final String PAID_SQL = "COALESCE((SELECT SUM(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0)";

    /** SQL: invoice {@code i}'s collection was closed by writing it off. */
    public static final String WRITTEN_OFF_SQL = "EXISTS (SELECT 1 FROM collection_case k WHERE k.invoice_id = i.id"
            + " AND k.outcome = 'WRITTEN_OFF')";

    /** SQL: what invoice {@code i} lacks beyond what was paid, written off or not. */
    private static final String UNPAID_SQL = "(CASE WHEN i.kind = 'CREDIT_NOTE' OR i.status = 'CANCELLED' THEN 0"
            + " WHEN i.gross > " + PAID_SQL + " THEN i.gross - " + PAID_SQL + " ELSE 0 END)";

    /** SQL: what invoice {@code i} still owes, as {@link #outstanding(Invoice)}. */
    public static final String OUTSTANDING_SQL = "(CASE WHEN " + WRITTEN_OFF_SQL + " THEN 0 ELSE " + UNPAID_SQL + " END)";

    /** SQL: invoice {@code i} is addressed to the client (a funder's invoice is the funder's, O3, O4). */
    public static final String CLIENT_INVOICE_SQL = "i.funder_id IS NULL";

    /**
     * SQL: client invoice {@code i} owes something and was due before the day given as the next positional
     * parameter ({@code ?}), as {@link #overdue(Invoice, LocalDate)}: the receivables and L3.
     */
    public static final String OVERDUE_SQL = CLIENT_INVOICE_SQL + " AND " + OUTSTANDING_SQL + " > 0 AND i.due_on < ?";

    private Owed() {
    }

    /** What the invoice still owes: zero for a credit note, a cancelled or a written-off invoice, never below zero. */
    public static BigDecimal outstanding(Invoice invoice) {
        return invoice.writtenOff() ? zero() : unpaid(invoice);
    }

    /** What a written-off invoice lacked when LEXOM gave up its collection, less what came in since (zero otherwise). */
    public static BigDecimal writtenOff(Invoice invoice) {
        return invoice.writtenOff() ? unpaid(invoice) : zero();
    }

    private static BigDecimal unpaid(Invoice invoice) {
        if (owesNothingByKind(invoice)) {
            return zero();
        }
        return Amounts.cents(invoice.gross().subtract(invoice.paid()).max(BigDecimal.ZERO));
    }

    /** What was paid beyond the invoice's gross: a credit to refund (zero for a credit note or a cancelled invoice). */
    public static BigDecimal excess(Invoice invoice) {
        if (owesNothingByKind(invoice)) {
            return zero();
        }
        return Amounts.cents(invoice.paid().subtract(invoice.gross()).max(BigDecimal.ZERO));
    }

    /** Whether the invoice still owes something. */
    public static boolean open(Invoice invoice) {
        return outstanding(invoice).signum() > 0;
    }

    /** Whether it is the client's, still owes something and was due before {@code asOf} (L1 runs, L3 applies). */
    public static boolean overdue(Invoice invoice, LocalDate asOf) {
        return !invoice.billedToFunder() && open(invoice) && invoice.dueOn().isBefore(asOf);
    }

    /** What a set of invoices (a contract's, a client's) still owes. */
    public static BigDecimal outstanding(Collection<Invoice> invoices) {
        return invoices.stream().map(Owed::outstanding).reduce(zero(), BigDecimal::add);
    }

    /** What a set of invoices has written off. */
    public static BigDecimal writtenOff(Collection<Invoice> invoices) {
        return invoices.stream().map(Owed::writtenOff).reduce(zero(), BigDecimal::add);
    }

    /** What a set of invoices holds beyond what they owed: credits to refund. */
    public static BigDecimal excess(Collection<Invoice> invoices) {
        return invoices.stream().map(Owed::excess).reduce(zero(), BigDecimal::add);
    }

    private static boolean owesNothingByKind(Invoice invoice) {
        return invoice.kind() == InvoiceKind.CREDIT_NOTE || "CANCELLED".equals(invoice.status());
    }

    private static BigDecimal zero() {
        return Amounts.cents(BigDecimal.ZERO);
    }
}
