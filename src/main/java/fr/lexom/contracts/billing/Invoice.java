package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An issued invoice and what has been paid on it. */
public record Invoice(long id, String number, InvoiceKind kind, String contractNumber, boolean billedToFunder,
                      LocalDate issuedOn, LocalDate dueOn, BigDecimal net, BigDecimal vat, BigDecimal gross,
                      String status, BigDecimal paid) {

    /** What the invoice still owes ({@link Owed}: zero once cancelled, and for a credit note). */
    public BigDecimal outstanding() {
        return Owed.outstanding(this);
    }

    /** What was paid beyond the gross, to refund ({@link Owed}). */
    public BigDecimal excess() {
        return Owed.excess(this);
    }

    /** Whether the invoice still owes something ({@link Owed}). */
    public boolean open() {
        return Owed.open(this);
    }

    /** Paid in full or cancelled: nothing more to collect on it. */
    public boolean settled() {
        return "PAID".equals(status) || "CANCELLED".equals(status);
    }
}
