package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An issued invoice, what has been paid on it, and whether its collection was closed by writing it off (the
 * collection case's outcome WRITTEN_OFF; {@link Owed}).
 */
public record Invoice(long id, String number, InvoiceKind kind, String contractNumber, boolean billedToFunder,
                      LocalDate issuedOn, LocalDate dueOn, BigDecimal net, BigDecimal vat, BigDecimal gross,
                      String status, BigDecimal paid, boolean writtenOff) {

    /** What the invoice still owes ({@link Owed}: zero once cancelled, and for a credit note). */
    public BigDecimal outstanding() {
        return Owed.outstanding(this);
    }

    /** What was written off of it ({@link Owed}: zero unless written off). */
    public BigDecimal writtenOffAmount() {
        return Owed.writtenOff(this);
    }

    /** What was paid beyond the gross, to refund ({@link Owed}). */
    public BigDecimal excess() {
        return Owed.excess(this);
    }

    /** Whether the invoice still owes something ({@link Owed}). */
    public boolean open() {
        return Owed.open(this);
    }

    /** Paid in full or cancelled: nothing more to collect on it (a written-off invoice is not settled: it was lost). */
    public boolean settled() {
        return "PAID".equals(status) || "CANCELLED".equals(status);
    }
}
