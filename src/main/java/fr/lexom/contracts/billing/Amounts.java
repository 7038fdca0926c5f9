package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money arithmetic of the rulebook ("Money"): euros with cents, exact decimals, rounded half-up to the cent.
 * VAT is computed on the net total and rounded once; gross = net + VAT.
 */
public final class Amounts {

    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Amounts() {
    }

    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** VAT of a net amount at a rate given as a fraction (0.2000 for 20 %); 0 when exempt (art. 261-4-4° CGI). */
    public static BigDecimal vat(BigDecimal net, BigDecimal rate, boolean exempt) {
        if (exempt) {
            return cents(BigDecimal.ZERO);
        }
        return cents(net.multiply(rate));
    }

    public static BigDecimal gross(BigDecimal net, BigDecimal rate, boolean exempt) {
        return cents(net).add(vat(net, rate, exempt));
    }

    /** A share of an amount, e.g. the 30 % deposit of D1: amount x percent / 100, to the cent. */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return cents(amount.multiply(percent).divide(HUNDRED));
    }

    /** A percentage typed by staff (20, 5.5) as the fraction stored on the contract (0.2000, 0.0550). */
    public static BigDecimal rateFromPercent(BigDecimal percent) {
        return percent.divide(HUNDRED).setScale(4, RoundingMode.HALF_UP);
    }
}
