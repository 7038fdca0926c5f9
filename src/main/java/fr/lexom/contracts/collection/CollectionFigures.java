package fr.lexom.contracts.collection;

import fr.lexom.contracts.billing.Invoice;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What a late invoice costs as of a day: outstanding, L1 interest at its rate, L2 indemnity, and the total. */
public record CollectionFigures(Invoice invoice, LocalDate asOf, long daysLate, BigDecimal outstanding,
                                BigDecimal interestRate, BigDecimal interest, BigDecimal indemnity) {

    public BigDecimal total() {
        return outstanding.add(interest).add(indemnity);
    }
}
