package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Splits a gross amount into net and VAT at the contract's rate, so that a share of the price (the 30 %
 * deposit of D1, a funder's granted amount) is exact on its gross and net + VAT = gross to the cent.
 */
public record InvoiceAmounts(BigDecimal net, BigDecimal vat, BigDecimal gross) {

    public static InvoiceAmounts fromGross(BigDecimal gross, BigDecimal vatRate, boolean exempt) {
        BigDecimal g = Amounts.cents(gross);
        if (exempt || vatRate.signum() == 0) {
            return new InvoiceAmounts(g, Amounts.cents(BigDecimal.ZERO), g);
        }
        BigDecimal net = g.divide(BigDecimal.ONE.add(vatRate), 2, RoundingMode.HALF_UP);
        return new InvoiceAmounts(net, g.subtract(net), g);
    }

    /** What is left of {@code total} once {@code parts} are invoiced: gross, VAT and net each subtracted. */
    public InvoiceAmounts minus(InvoiceAmounts other) {
        return new InvoiceAmounts(net.subtract(other.net), vat.subtract(other.vat), gross.subtract(other.gross));
    }

    public InvoiceAmounts negate() {
        return new InvoiceAmounts(net.negate(), vat.negate(), gross.negate());
    }
}
