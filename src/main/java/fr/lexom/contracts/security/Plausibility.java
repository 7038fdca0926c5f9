package fr.lexom.contracts.security;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The windows a date must fall in and the bounds of a rate, in one place (issue 20, attack 6): what the API and the
 * forms accept. Each check returns the French message of a refusal, or nothing.
 *
 * <table>
 * <caption>bounds</caption>
 * <tr><th>what</th><th>window</th></tr>
 * <tr><td>signature (S1), payment, withdrawal (W1), client's request (C0)</td><td>from the quote's issue date to
 * today (Paris)</td></tr>
 * <tr><td>session start and end (new quote, postponement, reschedule)</td><td>from today to today +
 * {@value #YEARS_AHEAD} years</td></tr>
 * <tr><td>interest rate's validity (L1)</td><td>{@link #EARLIEST_RATE_DATE} to today + {@value #YEARS_AHEAD}
 * years</td></tr>
 * <tr><td>VAT rate</td><td>0 to {@link #MAX_VAT_PERCENT} %, no minus sign (not even -0)</td></tr>
 * <tr><td>interest rate</td><td>a fraction, 0 to {@link #MAX_INTEREST_FRACTION}, no minus sign</td></tr>
 * </table>
 */
public final class Plausibility {

    /** How far ahead a session, or a rate's validity, may be dated. */
    public static final int YEARS_AHEAD = 5;
    /** No L1 rate older than this is needed (the euro's ECB rate, the legal rates of every invoice kept). */
    public static final LocalDate EARLIEST_RATE_DATE = LocalDate.of(2000, 1, 1);
    /** The highest VAT rate (a percentage, 100 excluded), as annotations need it. */
    public static final String MAX_VAT_PERCENT_TEXT = "99.99";
    /** The highest VAT rate (a percentage, 100 excluded). */
    public static final BigDecimal MAX_VAT_PERCENT = new BigDecimal(MAX_VAT_PERCENT_TEXT);
    /** The highest interest rate, as a fraction (50 %), as annotations need it. */
    public static final String MAX_INTEREST_FRACTION_TEXT = "0.5";
    /** The highest interest rate, as a fraction (50 %). */
    public static final BigDecimal MAX_INTEREST_FRACTION = new BigDecimal(MAX_INTEREST_FRACTION_TEXT);

    private Plausibility() {
    }

    /** The latest plausible session or validity date. */
    public static LocalDate latestAhead(LocalDate today) {
        return today.plusYears(YEARS_AHEAD);
    }

    /** A session date ({@code label}: « La date de début ») no later than {@value #YEARS_AHEAD} years ahead. */
    public static Optional<String> sessionDate(LocalDate date, LocalDate today, String label) {
        if (date != null && date.isAfter(latestAhead(today))) {
            return Optional.of(label + " ne peut pas dépasser le " + latestAhead(today) + " (" + YEARS_AHEAD + " ans au plus).");
        }
        return Optional.empty();
    }

    /**
     * A date of an event about a quote (signature, payment, withdrawal, request): not before the quote was issued, not
     * after today.
     */
    public static Optional<String> sinceQuote(LocalDate date, LocalDate quoteIssuedOn, LocalDate today, String label) {
        if (date == null) {
            return Optional.empty();
        }
        if (date.isAfter(today)) {
            return Optional.of(label + " ne peut pas être dans le futur.");
        }
        if (quoteIssuedOn != null && date.isBefore(quoteIssuedOn)) {
            return Optional.of(label + " ne peut pas précéder l'émission du devis (" + quoteIssuedOn + ").");
        }
        return Optional.empty();
    }

    /** The first day of an interest rate (L1). */
    public static Optional<String> rateValidFrom(LocalDate date, LocalDate today) {
        if (date != null && (date.isBefore(EARLIEST_RATE_DATE) || date.isAfter(latestAhead(today)))) {
            return Optional.of("La date d'effet doit être comprise entre le " + EARLIEST_RATE_DATE + " et le "
                    + latestAhead(today) + ".");
        }
        return Optional.empty();
    }

    /** A VAT rate in percent: 0 to {@link #MAX_VAT_PERCENT}, 2 decimals at most. */
    public static boolean vatPercent(BigDecimal rate) {
        return rate != null && rate.signum() >= 0 && rate.compareTo(MAX_VAT_PERCENT) <= 0 && rate.scale() <= 2;
    }

    /**
     * Whether a number as written carries a minus sign: {@code BigDecimal} has no negative zero, so "-0.0" would read
     * as 0 and pass every bound; a rate or an amount is never written with a sign.
     */
    public static boolean signed(String written) {
        return written != null && written.strip().startsWith("-");
    }
}
