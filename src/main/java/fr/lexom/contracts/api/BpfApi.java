package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.MANAGERS;

import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.reporting.Bpf;
import fr.lexom.contracts.reporting.BpfProperties;
import fr.lexom.contracts.reporting.BpfReport;
import fr.lexom.contracts.reporting.BpfReport.Line;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yearly BPF (« bilan pédagogique et financier », Cerfa 10443, issue 24) for the managers: as JSON (each figure
 * with the contracts behind it), as CSV for Excel and as a PDF laid out like the form. Managers and administrators only.
 */
@RestController
@Tag(name = "Bilan pédagogique et financier")
@SecurityRequirement(name = "basic")
@RequiresGroups(MANAGERS)
class BpfApi {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    /** One frame of the form, for the CSV and the PDF's annex. */
    record Section(String title, List<Line> lines) {
    }

    /** A line of the PDF's annex: its first contributions, and how many more the CSV and the managers' view list. */
    record AnnexLine(String label, List<fr.lexom.contracts.reporting.BpfReport.Contribution> contributions, int more) {
    }

    record AnnexSection(String title, List<AnnexLine> lines) {
    }

    /** Contributions printed per line in the PDF's annex; a year of thousands of contracts stays a readable PDF. */
    static final int ANNEX_LIMIT = 200;

    record Years(List<Integer> years, int current, String financialYearEnds) {
    }

    private final Bpf bpf;
    private final BpfProperties properties;
    private final Documents documents;
    private final java.time.Clock clock;

    BpfApi(Bpf bpf, BpfProperties properties, Documents documents, java.time.Clock clock) {
        this.bpf = bpf;
        this.properties = properties;
        this.documents = documents;
        this.clock = clock;
    }

    @GetMapping(path = "/api/manager/bpf", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Les exercices qui ont un BPF (une facture émise ou une demi-journée suivie), le plus récent "
            + "d'abord, l'exercice en cours et le dernier jour de l'exercice (lexom.bpf.financial-year-ends, MM-JJ)")
    Years years() {
        return new Years(bpf.years(), properties.yearOf(LocalDate.now(clock)).year(), properties.financialYearEnds());
    }

    // no dot in the JSON's year: /bpf/2026.csv asked with Accept: application/json is not a JSON year to refuse (406)
    @GetMapping(path = "/api/manager/bpf/{year:[^.]+}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Le BPF d'un exercice, cadre par cadre : origine des produits HT (cadre C, factures et avoirs "
            + "émis dans l'exercice ; frais et pénalités à part), formateurs (E), stagiaires et heures par type (F-1), par "
            + "objectif (F-3) et par spécialité NSF (F-4), chaque chiffre avec ses contrats ; ce que l'application ne peut "
            + "pas remplir ; les avertissements")
    BpfReport report(@Parameter(description = "L'exercice, désigné par l'année où il se termine (2026)") @PathVariable String year) {
        return bpf.of(year(year));
    }

    @GetMapping(path = "/api/manager/bpf/{year}.csv", produces = EvaluationsApi.CSV)
    @Operation(summary = "Le BPF d'un exercice en CSV pour Excel (UTF-8 avec BOM, séparateur « ; », décimales à "
            + "virgule) : une ligne par ligne du formulaire (contribution vide), suivie d'une ligne par contribution "
            + "(contrats, client ou formateur, factures) : frame;line;label;amount_excl_vat;trainees;hours;contribution;"
            + "contracts;invoices")
    ResponseEntity<byte[]> csv(@Parameter(description = "L'exercice (2026)") @PathVariable String year) {
        BpfReport report = bpf.of(year(year));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(EvaluationsApi.CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("bpf-" + report.year() + ".csv")
                        .build().toString())
                .body(BpfCsv.of(report));
    }

    @GetMapping(path = "/api/manager/bpf/{year}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Le BPF d'un exercice en PDF, présenté comme les cadres du Cerfa 10443, avec en annexe les "
            + "contrats derrière chaque chiffre")
    ResponseEntity<byte[]> pdf(@Parameter(description = "L'exercice (2026)") @PathVariable String year) {
        BpfReport report = bpf.of(year(year));
        byte[] pdf = documents.rendered("bpf", Map.of("bpf", report, "sections", annex(report), "annexLimit", ANNEX_LIMIT));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("bpf-" + report.year() + ".pdf")
                        .build().toString())
                .body(pdf);
    }

    static List<Section> sections(BpfReport report) {
        return List.of(new Section("Cadre C", report.revenue()), new Section("Hors cadre C", report.outside()),
                new Section("Cadre E", report.trainers()), new Section("Cadre F-1", report.trainees()),
                new Section("Cadre F-3", report.objectives()), new Section("Cadre F-4", report.specialties()));
    }

    static List<AnnexSection> annex(BpfReport report) {
        return sections(report).stream().map(section -> new AnnexSection(section.title(), section.lines().stream()
                .filter(line -> !line.contributions().isEmpty())
                .map(line -> new AnnexLine(line.label(), line.contributions().subList(0, Math.min(ANNEX_LIMIT,
                        line.contributions().size())), Math.max(0, line.contributions().size() - ANNEX_LIMIT)))
                .toList())).toList();
    }

    private static int year(String text) {
        int year;
        try {
            year = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(Map.of("year", "Année attendue sur quatre chiffres (2026)."));
        }
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new InvalidRequestException(Map.of("year", "Année attendue entre " + FIRST_YEAR + " et " + LAST_YEAR + "."));
        }
        return year;
    }
}
