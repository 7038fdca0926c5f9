package fr.lexom.contracts.reporting;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The financial year the BPF reports on (issue 24; {@code lexom.bpf.*}).
 *
 * @param financialYearEnds the last day of LEXOM's financial year, {@code MM-DD} ({@code 12-31} by default); the BPF
 *                          of year N covers the financial year that ends on that day of N. 29 February is refused
 *                          (a year end must exist every year).
 */
@ConfigurationProperties("lexom.bpf")
public record BpfProperties(String financialYearEnds) {

    public BpfProperties {
        if (financialYearEnds == null || financialYearEnds.isBlank()) {
            financialYearEnds = "12-31";
        }
        MonthDay end;
        try {
            end = MonthDay.parse("--" + financialYearEnds.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("lexom.bpf.financial-year-ends must be MM-DD (12-31), not " + financialYearEnds, e);
        }
        if (end.equals(MonthDay.of(2, 29))) {
            throw new IllegalArgumentException("lexom.bpf.financial-year-ends cannot be 02-29: a year end must exist every year");
        }
        financialYearEnds = financialYearEnds.trim();
    }

    public MonthDay yearEnd() {
        return MonthDay.parse("--" + financialYearEnds);
    }

    /** The financial year that ends in {@code year}. */
    public FinancialYear year(int year) {
        LocalDate to = yearEnd().atYear(year);
        return new FinancialYear(year, to.minusYears(1).plusDays(1), to);
    }

    /** The financial year {@code day} belongs to. */
    public FinancialYear yearOf(LocalDate day) {
        FinancialYear same = year(day.getYear());
        return day.isAfter(same.to()) ? year(day.getYear() + 1) : same;
    }

    /** A financial year: named by the calendar year it ends in, from its first to its last day, both included. */
    public record FinancialYear(int year, LocalDate from, LocalDate to) {

        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }
}
