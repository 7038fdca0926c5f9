package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * L1 (Code de commerce L441-10, CGV 3.4): from the day after the due date, without any reminder, interest runs on
 * the gross amount at the ECB main refinancing rate plus 10 points, never below 3 times the legal interest rate.
 * The ECB rate of a half-year is the one in force on 1 January (first half) or 1 July (second half); the legal
 * rate is the one published for that half-year. Interest = gross x rate x days late / 365, summed per half-year,
 * rounded half-up to the cent once.
 */
public final class LateInterest {

    static final BigDecimal TEN_POINTS = new BigDecimal("0.10");
    static final BigDecimal THREE = BigDecimal.valueOf(3);
    static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);

    private final List<InterestRate> rates;

    public LateInterest(List<InterestRate> rates) {
        this.rates = rates.stream().sorted(Comparator.comparing(InterestRate::validFrom)).toList();
    }

    /** One half-year slice of the computation, for the letter that explains it. */
    public record Period(LocalDate from, LocalDate to, long days, BigDecimal rate) {
    }

    /** The slices between the due date (exclusive) and {@code on} (inclusive). Empty if not late. */
    public List<Period> periods(LocalDate dueOn, LocalDate on) {
        List<Period> periods = new ArrayList<>();
        LocalDate day = dueOn.plusDays(1);
        while (!day.isAfter(on)) {
            LocalDate halfYearStart = day.getMonthValue() <= 6 ? day.withDayOfYear(1) : LocalDate.of(day.getYear(), 7, 1);
            LocalDate halfYearEnd = halfYearStart.plusMonths(6).minusDays(1);
            LocalDate to = halfYearEnd.isBefore(on) ? halfYearEnd : on;
            periods.add(new Period(day, to, ChronoUnit.DAYS.between(day, to) + 1, rateOfHalfYear(halfYearStart)));
            day = to.plusDays(1);
        }
        return periods;
    }

    /** L1 interest on {@code gross} due on {@code dueOn}, as of {@code on}, to the cent. */
    public BigDecimal amount(BigDecimal gross, LocalDate dueOn, LocalDate on) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Period period : periods(dueOn, on)) {
            sum = sum.add(gross.multiply(period.rate()).multiply(BigDecimal.valueOf(period.days())));
        }
        return sum.divide(DAYS_PER_YEAR, 2, RoundingMode.HALF_UP);
    }

    /** The L1 rate of the half-year starting on {@code halfYearStart}: max(ECB + 10 points, 3 x legal rate). */
    public BigDecimal rateOfHalfYear(LocalDate halfYearStart) {
        BigDecimal ecb = inForceOn(InterestRate.ECB, halfYearStart)
                .orElseThrow(() -> new IllegalStateException("No ECB rate in force on " + halfYearStart + " (table interest_rate)"));
        BigDecimal legal = inForceOn(InterestRate.LEGAL, halfYearStart)
                .orElseThrow(() -> new IllegalStateException("No legal interest rate for the half-year of " + halfYearStart
                        + " (table interest_rate)"));
        return ecb.add(TEN_POINTS).max(legal.multiply(THREE));
    }

    private Optional<BigDecimal> inForceOn(String kind, LocalDate day) {
        return rates.stream().filter(r -> r.kind().equals(kind) && !r.validFrom().isAfter(day))
                .reduce((a, b) -> b).map(InterestRate::rate);
    }
}
