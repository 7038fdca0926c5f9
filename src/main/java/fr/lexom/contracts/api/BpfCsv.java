package fr.lexom.contracts.api;

import fr.lexom.contracts.reporting.BpfReport;
import fr.lexom.contracts.reporting.BpfReport.Contribution;
import fr.lexom.contracts.reporting.BpfReport.Line;
import java.math.BigDecimal;

/**
 * The BPF as CSV for French Excel (issue 24), written like {@link EvaluationCsv} (BOM, {@code ;}, CRLF, formula-safe
 * texts) with decimals written with a comma: one row per line of the form, its contributions under it.
 */
final class BpfCsv {

    static final String HEADER = String.join(";", "frame", "line", "label", "amount_excl_vat", "trainees", "hours",
            "contribution", "contracts", "invoices");

    private BpfCsv() {
    }

    static byte[] of(BpfReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (BpfApi.Section section : BpfApi.sections(report)) {
            for (Line line : section.lines()) {
                row(csv, section.title(), line, line.amount(), line.people(), line.hours(), "", "", "");
                for (Contribution c : line.contributions()) {
                    row(csv, section.title(), line, c.amount(), c.people(), c.hours(), c.label(), String.join(" ", c.contracts()),
                            String.join(" ", c.invoices()));
                }
            }
        }
        csv.append(String.join(";", "Cadre C", "TOTAL", EvaluationCsv.text("Total des produits de la formation"),
                decimal(report.revenueTotal()), "", "", "", "", "")).append("\r\n");
        csv.append(String.join(";", "Cadre F-1", "TOTAL", EvaluationCsv.text("Total des stagiaires"), "",
                String.valueOf(report.traineeTotals().people()), decimal(report.traineeTotals().hours()), "", "", "")).append("\r\n");
        return EvaluationCsv.withByteOrderMark(csv.toString());
    }

    private static void row(StringBuilder csv, String frame, Line line, BigDecimal amount, Integer people, BigDecimal hours,
                            String contribution, String contracts, String invoices) {
        csv.append(String.join(";", EvaluationCsv.text(frame), EvaluationCsv.text(line.code()), EvaluationCsv.text(line.label()),
                decimal(amount), people == null ? "" : people.toString(), decimal(hours), EvaluationCsv.text(contribution),
                EvaluationCsv.text(contracts), EvaluationCsv.text(invoices))).append("\r\n");
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString().replace('.', ',');
    }
}
