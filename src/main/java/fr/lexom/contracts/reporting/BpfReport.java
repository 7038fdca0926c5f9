package fr.lexom.contracts.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The BPF of one financial year (issue 24), frame by frame as the Cerfa 10443 lists them, each figure with the
 * contracts it comes from. Amounts are euros excl. VAT, exact to the cent; hours exact to the hundredth.
 *
 * @param revenue     frame C: the training revenue by origin, from the invoices and credit notes issued in the year
 * @param outside     what was invoiced in the year but is not training revenue (fees, O5; late charges, L1 L2)
 * @param trainers    frame E: the people who gave the hours, internal and external
 * @param trainees    frame F-1: trainees and hours-trainee by category, from the half-days attended in the year
 * @param objectives  frame F-3: the same trainees and hours by general objective of the training
 * @param specialties frame F-4: the same by NSF specialty, the most hours first
 * @param unfilled    what the form asks and the app cannot know, said as such (never invented)
 * @param warnings    facts missing for a figure to be complete (a training without NSF code, hours without trainer)
 * @param tables      the versions of the mapping tables the report read
 */
public record BpfReport(int year, LocalDate from, LocalDate to, Organisation organisation, List<Line> revenue,
                        BigDecimal revenueTotal, List<Line> outside, BigDecimal outsideTotal, List<Line> trainers,
                        List<Line> trainees, Totals traineeTotals, List<Line> objectives, List<Line> specialties,
                        List<Unfilled> unfilled, List<String> warnings, String tables, LocalDate computedOn) {

    /** Frames A and B: who files. */
    public record Organisation(String name, String siren, String declarationNumber) {
    }

    /**
     * One line of the form. {@code amount} for money lines; {@code people} and {@code hours} for people lines (trainers,
     * trainees); a line the app does not distinguish has none of them and a {@code note}.
     */
    public record Line(String code, String label, BigDecimal amount, Integer people, BigDecimal hours,
                       List<Contribution> contributions, String note) {
    }

    /**
     * What one contract (or one trainer, over their contracts) brings to a line: the contracts, the amount (invoices
     * named), the trainees and the hours.
     */
    public record Contribution(String label, List<String> contracts, BigDecimal amount, Integer people, BigDecimal hours,
                               List<String> invoices) {
    }

    /** F-1's totals: trainees, hours, and those trained partly or wholly remote (« dont à distance »). */
    public record Totals(int people, BigDecimal hours, int remotePeople) {
    }

    public record Unfilled(String frame, String label, String reason) {
    }
}
