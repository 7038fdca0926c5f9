package fr.lexom.contracts.reporting;

import fr.lexom.contracts.delivery.TrainingHours;
import fr.lexom.contracts.notification.CompanyProperties;
import fr.lexom.contracts.reporting.BpfProperties.FinancialYear;
import fr.lexom.contracts.reporting.BpfReport.Contribution;
import fr.lexom.contracts.reporting.BpfReport.Line;
import fr.lexom.contracts.reporting.BpfReport.Organisation;
import fr.lexom.contracts.reporting.BpfReport.Totals;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the BPF of a financial year from the contracts' facts (issue 24): read-only over billing (invoices, credit
 * notes) and delivery (the half-days attended, the trainers), with the mapping tables of {@link BpfCategories}.
 *
 * <ul>
 *   <li>Frame C counts the net (excl. VAT) of every deposit, balance and funder invoice issued in the year, and takes
 *   off every credit note issued in the year, in the line of whom it is addressed to: a funder's invoice by the
 *   funder's kind, a client's by the client's kind. An invoice later cancelled by a credit note counts in its year,
 *   its credit note in its own (O4: the funder's share leaves the funder's line, the client's new invoice enters the
 *   client's line).</li>
 *   <li>Fee invoices (cancellation, postponement, D3: O5; late interest and indemnity: L1, L2) are not training
 *   revenue: they are reported beside frame C, never in it.</li>
 *   <li>Frames E and F count the half-days attended in the year ({@code attendance.present}), each worth the
 *   training's hours per half-day ({@link TrainingHours}, as the certificate counts them); a trainee is a participant
 *   of a contract with at least one half-day attended in the year.</li>
 * </ul>
 */
@Service
public class Bpf {

    private static final BigDecimal ZERO_HOURS = new BigDecimal("0.00");

    private final JdbcClient jdbc;
    private final BpfProperties properties;
    private final BpfCategories categories;
    private final CompanyProperties company;
    private final Clock clock;

    Bpf(JdbcClient jdbc, BpfProperties properties, BpfCategories categories, CompanyProperties company, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.categories = categories;
        this.company = company;
        this.clock = clock;
    }

    /** The financial years that have facts (an invoice issued or a half-day attended), the latest first; the current one always. */
    public List<Integer> years() {
        Set<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        years.add(properties.yearOf(LocalDate.now(clock)).year());
        jdbc.sql("SELECT MIN(issued_on), MAX(issued_on) FROM invoice").query((rs, n) -> {
            addRange(years, rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class));
            return null;
        }).list();
        jdbc.sql("SELECT MIN(session_day), MAX(session_day) FROM attendance WHERE present = TRUE").query((rs, n) -> {
            addRange(years, rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class));
            return null;
        }).list();
        return List.copyOf(years);
    }

    private void addRange(Set<Integer> years, LocalDate first, LocalDate last) {
        if (first != null && last != null) {
            for (int y = properties.yearOf(first).year(); y <= properties.yearOf(last).year(); y++) {
                years.add(y);
            }
        }
    }

    @Transactional(readOnly = true)
    public BpfReport of(int year) {
        FinancialYear fy = properties.year(year);
        BpfCategories.Tables tables = categories.current();
        Revenue revenue = revenue(fy, tables);
        People people = people(fy, tables);
        List<String> warnings = new ArrayList<>(people.warnings);
        return new BpfReport(year, fy.from(), fy.to(),
                new Organisation(company.name(), company.siren(), company.activityDeclaration()),
                revenue.lines, sum(revenue.lines), revenue.outside, sum(revenue.outside), people.trainers, people.trainees,
                people.totals, people.objectives, people.specialties, BpfForm.UNFILLED, warnings, tables.versions(),
                LocalDate.now(clock));
    }

    private static BigDecimal sum(List<Line> lines) {
        return lines.stream().map(Line::amount).filter(a -> a != null).reduce(new BigDecimal("0.00"), BigDecimal::add);
    }

    // ---- frame C: revenue ------------------------------------------------------------------------------------------

    private record InvoiceFact(long id, String number, String kind, String creditedKind, BigDecimal net, boolean toFunder,
                               String funderKind, String clientKind, String contract, String client) {
    }

    private record Revenue(List<Line> lines, List<Line> outside) {
    }

    private Revenue revenue(FinancialYear fy, BpfCategories.Tables tables) {
        List<InvoiceFact> invoices = jdbc.sql("""
                SELECT i.id, i.number, i.kind, ci.kind, i.net, i.funder_id IS NOT NULL, f.kind, cl.kind, c.number, cl.name
                  FROM invoice i
                  JOIN contract c ON c.id = i.contract_id
                  JOIN client cl ON cl.id = c.client_id
                  LEFT JOIN funder f ON f.id = i.funder_id
                  LEFT JOIN invoice ci ON ci.id = i.credited_invoice_id
                 WHERE i.issued_on BETWEEN ? AND ?
                 ORDER BY i.number_year, i.number, i.id""")
                .params(fy.from(), fy.to())
                .query((rs, n) -> new InvoiceFact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10)))
                .list();
        Map<String, Builder> lines = new LinkedHashMap<>();
        BpfForm.REVENUE_LINES.forEach((code, label) -> lines.put(code, new Builder(code, label)));
        Map<String, Builder> outside = new LinkedHashMap<>();
        BpfForm.OUTSIDE_LINES.forEach((code, label) -> outside.put(code, new Builder(code, label)));
        for (InvoiceFact invoice : invoices) {
            boolean fee = "FEE".equals(invoice.kind) || "FEE".equals(invoice.creditedKind);
            if (fee) {
                // O5, L1, L2: split by the rule of each line (a late-charges invoice may hold both L1 and L2)
                jdbc.sql("SELECT rule_id, net FROM invoice_line WHERE invoice_id = ? ORDER BY position").param(invoice.id)
                        .query((rs, n) -> {
                            String code = BpfForm.outsideLine(rs.getString(1));
                            outside.get(code).add(invoice.contract, invoice.client, rs.getBigDecimal(2), invoice.number);
                            return null;
                        }).list();
            } else {
                String code = tables.revenueLine(invoice.toFunder ? "FUNDER" : "CLIENT", invoice.clientKind, invoice.funderKind);
                lines.computeIfAbsent(code, c -> new Builder(c, c)).add(invoice.contract, invoice.client, invoice.net,
                        invoice.number);
            }
        }
        return new Revenue(lines.values().stream().map(Builder::moneyLine).toList(),
                outside.values().stream().map(Builder::moneyLine).toList());
    }

    /** Collects the contributions of one line, per contract (per trainer for frame E). */
    private static final class Builder {
        final String code;
        final String label;
        final Map<String, Acc> byKey = new LinkedHashMap<>();

        Builder(String code, String label) {
            this.code = code;
            this.label = label;
        }

        void add(String contract, String client, BigDecimal amount, String invoice) {
            Acc acc = byKey.computeIfAbsent(contract, k -> new Acc(client));
            acc.contracts.add(contract);
            acc.amount = acc.amount.add(amount);
            acc.invoices.add(invoice);
        }

        Acc of(String key, String label) {
            return byKey.computeIfAbsent(key, k -> new Acc(label));
        }

        Line moneyLine() {
            List<Contribution> contributions = byKey.values().stream().map(a -> new Contribution(a.label,
                    List.copyOf(a.contracts), a.amount, null, null, List.copyOf(a.invoices))).toList();
            BigDecimal amount = contributions.stream().map(Contribution::amount).reduce(new BigDecimal("0.00"), BigDecimal::add);
            String note = BpfForm.NOT_DISTINGUISHED.get(code);
            return new Line(code, label, contributions.isEmpty() && note != null ? null : amount, null, null, contributions,
                    contributions.isEmpty() ? note : null);
        }

        Line peopleLine(int people, BigDecimal hours) {
            List<Contribution> contributions = byKey.values().stream().map(a -> new Contribution(a.label,
                    List.copyOf(a.contracts), null, a.people.size(), a.hours, List.of())).toList();
            return new Line(code, label, null, people, hours, contributions, null);
        }
    }

    private static final class Acc {
        final String label;
        final Set<String> contracts = new LinkedHashSet<>();
        final Set<String> invoices = new LinkedHashSet<>();
        final Set<Long> people = new LinkedHashSet<>();
        BigDecimal amount = new BigDecimal("0.00");
        BigDecimal hours = ZERO_HOURS;

        Acc(String label) {
            this.label = label;
        }
    }

    // ---- frames E and F: trainers, trainees, hours ------------------------------------------------------------------

    private record HalfDayFact(String contract, String client, String clientKind, String grantedFunderKind, boolean remote,
                               String training, String nsfCode, String nsfLabel, String objective, BigDecimal hours,
                               long participant, LocalDate day, String half, Long trainerId, String trainerName,
                               String trainerKind) {
    }

    private record People(List<Line> trainers, List<Line> trainees, Totals totals, List<Line> objectives,
                          List<Line> specialties, List<String> warnings) {
    }

    private People people(FinancialYear fy, BpfCategories.Tables tables) {
        List<HalfDayFact> facts = jdbc.sql("""
                SELECT c.number, cl.name, cl.kind, gf.kind, c.modality, t.reference, t.nsf_code, ns.label, t.bpf_objective,
                       t.duration_hours, t.duration_days, p.id, a.session_day, a.half_day, tr.id, tr.full_name, tr.kind
                  FROM attendance a
                  JOIN participant p ON p.id = a.participant_id
                  JOIN contract c ON c.id = p.contract_id
                  JOIN client cl ON cl.id = c.client_id
                  JOIN training t ON t.id = c.training_id
                  LEFT JOIN nsf_specialty ns ON ns.code = t.nsf_code
                  LEFT JOIN funding fu ON fu.contract_id = c.id AND fu.status = 'GRANTED'
                  LEFT JOIN funder gf ON gf.id = fu.funder_id
                  LEFT JOIN trainer tr ON tr.id = c.trainer_id
                 WHERE a.present = TRUE AND a.session_day BETWEEN ? AND ?
                 ORDER BY c.number, p.position, a.session_day, a.half_day""")
                .params(fy.from(), fy.to())
                .query((rs, n) -> new HalfDayFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        "REMOTE".equals(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        TrainingHours.perHalfDay(rs.getBigDecimal(10), rs.getBigDecimal(11)), rs.getLong(12),
                        rs.getObject(13, LocalDate.class), rs.getString(14), (Long) rs.getObject(15, Long.class),
                        rs.getString(16), rs.getString(17)))
                .list();

        List<String> warnings = new ArrayList<>();
        // F-1: by category
        Map<String, Builder> byCategory = new LinkedHashMap<>();
        for (TraineeCategory category : TraineeCategory.values()) {
            byCategory.put(category.name(), new Builder(category.line(), category.label()));
        }
        Map<String, Builder> byObjective = new LinkedHashMap<>();
        BpfForm.OBJECTIVES.forEach((objective, line) -> byObjective.put(objective, new Builder(line[0], line[1])));
        Map<String, Builder> bySpecialty = new LinkedHashMap<>();
        Set<Long> trainees = new LinkedHashSet<>();
        Set<Long> remote = new LinkedHashSet<>();
        BigDecimal hours = ZERO_HOURS;
        Set<String> noNsf = new TreeSet<>();
        for (HalfDayFact f : facts) {
            TraineeCategory category = tables.traineeCategory(f.clientKind, f.grantedFunderKind);
            count(byCategory.get(category.name()), f);
            count(byObjective.get(f.objective), f);
            String specialty = f.nsfCode == null ? "—" : f.nsfCode;
            if (f.nsfCode == null) {
                noNsf.add(f.training);
            }
            count(bySpecialty.computeIfAbsent(specialty, code -> new Builder("F-4 " + code, f.nsfCode == null
                    ? "Spécialité non renseignée" : f.nsfCode + " " + (f.nsfLabel == null ? "" : f.nsfLabel).trim())), f);
            trainees.add(f.participant);
            if (f.remote) {
                remote.add(f.participant);
            }
            hours = hours.add(f.hours);
        }
        noNsf.forEach(t -> warnings.add("La formation " + t + " n'a pas de code NSF (catalogue, champ nsf_code) : "
                + "ses stagiaires comptent en « spécialité non renseignée » (cadre F-4)."));

        List<Line> categoryLines = new ArrayList<>();
        Function<Builder, Line> people = b -> b.peopleLine(
                b.byKey.values().stream().mapToInt(a -> a.people.size()).sum(),
                b.byKey.values().stream().map(a -> a.hours).reduce(ZERO_HOURS, BigDecimal::add));
        categoryLines.add(people.apply(byCategory.get(TraineeCategory.PRIVATE_EMPLOYEES.name())));
        categoryLines.add(new Line("F-1b", "b. Apprentis", null, null, null, List.of(),
                "LEXOM ne forme pas d'apprentis : aucun contrat d'apprentissage dans l'application."));
        categoryLines.add(people.apply(byCategory.get(TraineeCategory.JOB_SEEKERS.name())));
        categoryLines.add(people.apply(byCategory.get(TraineeCategory.INDIVIDUALS.name())));
        Line agents = people.apply(byCategory.get(TraineeCategory.PUBLIC_AGENTS.name()));
        Line others = people.apply(byCategory.get(TraineeCategory.OTHERS.name()));
        List<Contribution> allOthers = new ArrayList<>(agents.contributions());
        allOthers.addAll(others.contributions());
        categoryLines.add(new Line("F-1e", "e. Autres stagiaires", null, agents.people() + others.people(),
                agents.hours().add(others.hours()), allOthers, null));
        categoryLines.add(new Line("F-1e-agents", "dont agents publics", null, agents.people(), agents.hours(),
                agents.contributions(), null));

        List<Line> objectiveLines = byObjective.values().stream().map(people).toList();
        List<Line> specialtyLines = bySpecialty.values().stream().map(people)
                .sorted(Comparator.comparing(Line::hours).reversed().thenComparing(Line::code)).toList();

        return new People(trainers(facts, warnings), categoryLines, new Totals(trainees.size(), hours, remote.size()),
                objectiveLines, specialtyLines, warnings);
    }

    /** Adds one attended half-day to a line, under its contract. */
    private static void count(Builder line, HalfDayFact f) {
        Acc acc = line.of(f.contract, f.client);
        acc.contracts.add(f.contract);
        acc.people.add(f.participant);
        acc.hours = acc.hours.add(f.hours);
    }

    /**
     * Frame E: each trainer's hours are the half-days they gave, once each even when several contracts of one session
     * shared them (a half-day counts if at least one participant attended it).
     */
    private List<Line> trainers(List<HalfDayFact> facts, List<String> warnings) {
        Builder internal = new Builder("E-internal", "Personnes de votre organisme dispensant des heures de formation");
        Builder external = new Builder("E-external", "Personnes extérieures à votre organisme dispensant des heures de "
                + "formation (sous-traitance)");
        Map<String, BigDecimal> slots = new LinkedHashMap<>();
        Set<String> withoutTrainer = new TreeSet<>();
        for (HalfDayFact f : facts) {
            if (f.trainerId == null) {
                withoutTrainer.add(f.contract);
                continue;
            }
            Builder line = "EXTERNAL".equals(f.trainerKind) ? external : internal;
            Acc acc = line.of(String.valueOf(f.trainerId), f.trainerName);
            acc.contracts.add(f.contract);
            String slot = f.trainerId + "/" + f.day + "/" + f.half;
            BigDecimal before = slots.get(slot);
            if (before == null) {
                slots.put(slot, f.hours);
                acc.hours = acc.hours.add(f.hours);
            } else if (f.hours.compareTo(before) > 0) {
                // two contracts of one half-day with different catalogue hours: the longer one counts
                acc.hours = acc.hours.add(f.hours.subtract(before));
                slots.put(slot, f.hours);
            }
            acc.people.add(f.trainerId);
        }
        if (!withoutTrainer.isEmpty()) {
            warnings.add("Heures de formation sans formateur désigné (cadre E incomplet) : contrat(s) "
                    + String.join(", ", withoutTrainer) + ".");
        }
        return List.of(trainerLine(internal), trainerLine(external));
    }

    private static Line trainerLine(Builder line) {
        return line.peopleLine(line.byKey.size(), line.byKey.values().stream().map(a -> a.hours).reduce(ZERO_HOURS, BigDecimal::add));
    }
}
