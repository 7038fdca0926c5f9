package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An issued invoice and what has been paid on it. */
public record Invoice(long id, String number, InvoiceKind kind, String contractNumber, boolean billedToFunder,
                      LocalDate issuedOn, LocalDate dueOn, BigDecimal net, BigDecimal vat, BigDecimal gross,
                      String status, BigDecimal paid) {

    public BigDecimal outstanding() {
        return gross.subtract(paid).max(BigDecimal.ZERO);
    }

    public boolean settled() {
        return "PAID".equals(status) || "CANCELLED".equals(status);
    }
}
