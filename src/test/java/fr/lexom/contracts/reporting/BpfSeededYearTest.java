package fr.lexom.contracts.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fr.lexom.contracts.cancellation.ContractRequests;
import fr.lexom.contracts.delivery.Trainers;
import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.reporting.BpfReport.Contribution;
import fr.lexom.contracts.reporting.BpfReport.Line;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 24: the BPF of a seeded financial year, 2045 (a year no other test reaches), checked figure by figure against
 * values computed by hand from the rulebook (in the comments), to the cent and to the hundredth of an hour. Seven
 * contracts run their real processes in 2045 (every client kind, an OPCO paying part, an OPCO unpaid and re-invoiced
 * to the client under O4, France Travail for a job seeker trained remotely, a cancellation with its fee and credit
 * note, an absence, a contract without trainer); an eighth runs in 2046 and must stay out of 2045.
 *
 * <p>Hand computation (VAT 20 %; deposit D1 = 30 % of the price incl. VAT; net = gross / 1.2):
 * <pre>
 * A company, no funder, 2 400 HT (2 880 TTC): deposit 720.00 + balance 1 680.00            -> line C-1 2 400.00
 * B company, AKTO grants 1 500 TTC: deposit 720.00 (C-1), AKTO 1 250.00 (C-2h),
 *   balance 516 TTC = 430.00 (C-1); Luc absent the last afternoon                           -> 24.50 h
 * C company, ATLAS grants 2 016 TTC, unpaid a month after the end (O4): deposit 720.00 (C-1),
 *   ATLAS 1 680.00 then its credit note -1 680.00 (C-2h: 0), client re-invoiced 1 680.00 (C-1)
 * D individual, no funder, 1 190 HT (1 428 TTC): deposit 428.40 TTC = 357.00, balance 833.00 -> C-9 1 190.00; no trainer
 * E public body, AK-RCL-RCL-09 (NSF 312), 2 400 HT                                         -> C-3 2 400.00
 * F individual, France Travail grants 999.60 TTC, remote: deposit 357.00 (C-9), France Travail 833.00 (C-7)
 * G company, cancelled 126 days ahead (C1-2025): deposit 720.00 and its credit note -720.00 (C-1: 0), fee 864.00 (O5)
 * C-1 = 2 400 + 1 150 + 2 400 + 0 = 5 950.00; C-2h = 1 250.00; C-3 = 2 400.00; C-7 = 833.00; C-9 = 1 190 + 357 = 1 547.00
 * total = 11 980.00 = the six delivered prices excl. VAT; outside: fees 864.00, late charges 0.00
 * hours: 3.5 a half-day (14 h over 2 days), 4 half-days each: 14.00 h a trainee present throughout
 * F-1a: A 2 + B 2 + C 2 = 6 trainees, 28 + 24.5 + 28 = 80.50 h; F-1c: F 1, 14.00; F-1d: D 1, 14.00;
 * F-1e: E 2, 28.00 (public agents); total 10 trainees, 136.50 h, 1 remote; F-3d: 10, 136.50
 * F-4: 320 (RCL-APPL-03) 8 trainees 108.50 h, 312 (AK-RCL-RCL-09) 2 trainees 28.00 h
 * E: internal Claire (A, C, F) 1 person 42.00 h; external Hugo (B, E) 1 person 28.00 h; D's hours without trainer
 * </pre>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BpfSeededYearTest extends ProcessTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Autowired
    Bpf bpf;
    @Autowired
    Trainers trainers;
    @Autowired
    ContractRequests requests;
    @Autowired
    TestRestTemplate rest;

    /** Contract numbers by letter (A to H, as in the class comment). */
    private final Map<String, String> numbers = new LinkedHashMap<>();

    /**
     * Seeds the year once, from the first test that runs (process coverage counts what runs inside a test, not in a
     * {@code @BeforeAll}).
     */
    private void seedTheYear() {
        if (!numbers.isEmpty()) {
            return;
        }
        users.ensureAll();
        at(LocalDate.of(2045, 1, 9));
        Trainers.Trainer claire = trainers.save(Trainers.Kind.INTERNAL, "Claire Vidal-BPF", "claire-" + UUID.randomUUID() + "@lexom.example");
        Trainers.Trainer hugo = trainers.save(Trainers.Kind.EXTERNAL, "Hugo Lambert-BPF", "hugo-" + UUID.randomUUID() + "@lexom.example");

        ProcessInstance a = signed("A", QuoteForms.company(LocalDate.of(2045, 3, 6)), claire);
        ProcessInstance b = signed("B", funded(QuoteForms.company(LocalDate.of(2045, 3, 13)), "OPCO-AKTO"), hugo);
        grant(b, "1 500,00");
        ProcessInstance c = signed("C", funded(QuoteForms.company(LocalDate.of(2045, 3, 20)), "OPCO-ATLAS"), claire);
        grant(c, "2 016,00");
        Map<String, Object> publicBody = QuoteForms.company(LocalDate.of(2045, 4, 3));
        publicBody.put("clientKind", "PUBLIC_BODY");
        publicBody.put("clientName", "Mairie de Privas");
        publicBody.remove("clientSiret");
        publicBody.put("trainingReference", "AK-RCL-RCL-09");
        ProcessInstance e = signed("E", publicBody, hugo);
        ProcessInstance g = signed("G", QuoteForms.company(LocalDate.of(2045, 5, 29)), claire);
        for (ProcessInstance paid : List.of(a, b, c, e, g)) {
            payInTask(paid, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        }
        ProcessInstance d = signed("D", QuoteForms.individual(LocalDate.of(2045, 3, 27)), null);
        Map<String, Object> jobSeeker = funded(QuoteForms.individual(LocalDate.of(2045, 4, 10)), "FRANCE-TRAVAIL");
        jobSeeker.put("modality", "REMOTE");
        jobSeeker.remove("place");
        ProcessInstance f = signed("F", jobSeeker, claire);
        fireTimer(d, "Timer_WithdrawalPeriod");
        fireTimer(f, "Timer_WithdrawalPeriod");
        grant(f, "999,60"); // asked once the withdrawal period is over (W2)
        payInTask(d, "Task_CollectDeposit", "428,40", "VIR-" + UUID.randomUUID());
        payInTask(f, "Task_CollectDeposit", "428,40", "VIR-" + UUID.randomUUID());

        // G: a written cancellation received on 23 January, 126 days before the start (C1-2025: 30 % of 2 880,00)
        requests.clientRequest(numbers.get("G"), new HashMap<>(Map.of("requestKind", "CANCELLATION",
                "requestReceivedOn", today().toString())));
        executeDueJobs(g);

        deliver(a);
        deliverWithAnAbsence(b, "Martin");
        deliver(c);
        deliver(d);
        deliver(e);
        deliver(f);
        fireTimer(c, "Timer_FunderDeadline"); // O4: ATLAS unpaid a month after the end

        // H: a whole lifecycle in 2046, out of 2045
        at(LocalDate.of(2046, 1, 8));
        ProcessInstance h = signed("H", QuoteForms.company(LocalDate.of(2046, 2, 5)), claire);
        payInTask(h, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(h);
        ClockUtil.reset();
    }

    @Test
    void frameCCountsEachTrainingInvoiceAndCreditNoteOfTheYearInThePayersLine_O3_O4_O5() {
        seedTheYear();
        BpfReport report = bpf.of(2045);
        assertThat(report.from()).isEqualTo(LocalDate.of(2045, 1, 1));
        assertThat(report.to()).isEqualTo(LocalDate.of(2045, 12, 31));
        assertThat(amount(report.revenue(), "C-1")).isEqualByComparingTo("5950.00");
        assertThat(amount(report.revenue(), "C-2h")).isEqualByComparingTo("1250.00");
        assertThat(amount(report.revenue(), "C-3")).isEqualByComparingTo("2400.00");
        assertThat(amount(report.revenue(), "C-7")).isEqualByComparingTo("833.00");
        assertThat(amount(report.revenue(), "C-9")).isEqualByComparingTo("1547.00");
        for (String zero : List.of("C-2g", "C-5", "C-6", "C-8", "C-11")) {
            assertThat(amount(report.revenue(), zero)).as(zero).isEqualByComparingTo("0.00");
        }
        assertThat(line(report.revenue(), "C-10").amount()).as("not told apart: no figure, a note").isNull();
        assertThat(line(report.revenue(), "C-10").note()).contains("ligne 1");
        assertThat(report.revenueTotal()).isEqualByComparingTo("11980.00");
        assertThat(report.revenueTotal().scale()).isEqualTo(2);
        // O5: the cancellation fee is beside frame C, never in it
        assertThat(amount(report.outside(), "FEES")).isEqualByComparingTo("864.00");
        assertThat(amount(report.outside(), "LATE")).isEqualByComparingTo("0.00");

        // each figure down to its contracts and invoices
        Map<String, BigDecimal> lineOne = byContract(line(report.revenue(), "C-1"));
        assertThat(lineOne).containsOnlyKeys(n("A"), n("B"), n("C"), n("G"));
        assertThat(lineOne.get(n("A"))).isEqualByComparingTo("2400.00");
        assertThat(lineOne.get(n("B"))).isEqualByComparingTo("1150.00");
        assertThat(lineOne.get(n("C"))).isEqualByComparingTo("2400.00");
        assertThat(lineOne.get(n("G"))).as("deposit and its credit note").isEqualByComparingTo("0.00");
        assertThat(contribution(line(report.revenue(), "C-1"), n("G")).invoices()).hasSize(2)
                .anyMatch(i -> i.startsWith("AV-"));
        Map<String, BigDecimal> opco = byContract(line(report.revenue(), "C-2h"));
        assertThat(opco).containsOnlyKeys(n("B"), n("C"));
        assertThat(opco.get(n("C"))).as("ATLAS's invoice and its O4 credit note").isEqualByComparingTo("0.00");
        assertThat(byContract(line(report.revenue(), "C-9"))).containsOnlyKeys(n("D"), n("F"));
        assertThat(byContract(line(report.outside(), "FEES"))).containsOnlyKeys(n("G"));
    }

    @Test
    void framesEAndFCountTheHalfDaysAttendedInTheYear_E1() {
        seedTheYear();
        BpfReport report = bpf.of(2045);
        assertPeople(report.trainees(), "F-1a", 6, "80.50");
        assertPeople(report.trainees(), "F-1c", 1, "14.00");
        assertPeople(report.trainees(), "F-1d", 1, "14.00");
        assertPeople(report.trainees(), "F-1e", 2, "28.00");
        assertPeople(report.trainees(), "F-1e-agents", 2, "28.00");
        assertThat(line(report.trainees(), "F-1b").people()).as("no apprentices: not a figure").isNull();
        assertThat(report.traineeTotals().people()).isEqualTo(10);
        assertThat(report.traineeTotals().hours()).isEqualByComparingTo("136.50");
        assertThat(report.traineeTotals().remotePeople()).isEqualTo(1);
        Contribution absent = contribution(line(report.trainees(), "F-1a"), n("B"));
        assertThat(absent.people()).isEqualTo(2);
        assertThat(absent.hours()).as("Luc missed one half-day of 3.5 h").isEqualByComparingTo("24.50");

        assertPeople(report.objectives(), "F-3d", 10, "136.50");
        assertPeople(report.objectives(), "F-3a", 0, "0.00");
        assertThat(report.specialties()).extracting(Line::code).containsExactly("F-4 320", "F-4 312");
        assertPeople(report.specialties(), "F-4 320", 8, "108.50");
        assertPeople(report.specialties(), "F-4 312", 2, "28.00");
        assertThat(line(report.specialties(), "F-4 312").label()).isEqualTo("312 Commerce, vente");

        assertPeople(report.trainers(), "E-internal", 1, "42.00");
        assertPeople(report.trainers(), "E-external", 1, "28.00");
        assertThat(line(report.trainers(), "E-internal").contributions().get(0).contracts())
                .containsExactlyInAnyOrder(n("A"), n("C"), n("F"));
        assertThat(report.warnings()).anyMatch(w -> w.contains("sans formateur désigné") && w.contains(n("D")));
        assertThat(report.unfilled()).extracting(BpfReport.Unfilled::frame).contains("D", "F-2", "G");
    }

    @Test
    void aContractOfAnotherYearIsOutAndCountsInItsOwn() {
        seedTheYear();
        BpfReport year2045 = bpf.of(2045);
        List<String> every2045 = List.of(year2045.revenue(), year2045.outside(), year2045.trainees(), year2045.trainers(),
                year2045.specialties(), year2045.objectives()).stream().flatMap(List::stream)
                .flatMap(l -> l.contributions().stream()).flatMap(c -> c.contracts().stream()).distinct().toList();
        assertThat(every2045).containsExactlyInAnyOrder(n("A"), n("B"), n("C"), n("D"), n("E"), n("F"), n("G"));

        BpfReport year2046 = bpf.of(2046);
        assertThat(byContract(line(year2046.revenue(), "C-1"))).containsOnlyKeys(n("H"));
        assertThat(year2046.revenueTotal()).isEqualByComparingTo("2400.00");
        assertPeople(year2046.trainees(), "F-1a", 2, "28.00");
        assertThat(bpf.years()).contains(2045, 2046);
    }

    @Test
    void theManagersGetItAsJsonCsvAndPdf_andNobodyElse() throws Exception {
        seedTheYear();
        TestRestTemplate manager = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD);
        ResponseEntity<String> json = manager.getForEntity("/api/manager/bpf/2045", String.class);
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = JSON.readTree(json.getBody());
        assertThat(body.get("revenueTotal").decimalValue()).isEqualByComparingTo("11980.00");
        assertThat(json.getBody()).contains("\"revenueTotal\":11980.00");
        assertThat(body.get("traineeTotals").get("hours").decimalValue()).isEqualByComparingTo("136.50");

        ResponseEntity<byte[]> csv = manager.getForEntity("/api/manager/bpf/2045.csv", byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFframe;line;label;amount_excl_vat;trainees;hours;contribution;contracts;invoices\r\n");
        assertThat(text).contains("Cadre C;C-1;1. Entreprises pour la formation de leurs salariés;5950,00;;;;;\r\n",
                ";C-1;1. Entreprises pour la formation de leurs salariés;1150,00;;;", n("B"),
                "Cadre F-1;F-1a;a. Salariés d'employeurs privés hors apprentis;;6;80,50;;;\r\n",
                "Cadre C;TOTAL;Total des produits de la formation;11980,00;");

        ResponseEntity<byte[]> pdf = manager.getForEntity("/api/manager/bpf/2045.pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        String printed = PdfText.text(PdfText.keep("bpf-2045.pdf", pdf.getBody())).replace('\u202f', ' ').replace('\u00a0', ' ');
        assertThat(printed).contains("Bilan pédagogique et financier 2045", "Exercice du 1er janvier 2045 au 31 décembre 2045",
                "5 950,00 €", "11 980,00 €", "864,00 €", "136,5", "80,5", "312 Commerce, vente",
                "Charges de l'organisme", n("G"));

        for (String user : List.of(TestUsers.SALES, TestUsers.ACCOUNTING, TestUsers.COORDINATION)) {
            assertThat(rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity("/api/manager/bpf/2045", String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.getForEntity("/api/manager/bpf/2045.pdf", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> wrong = manager.getForEntity("/api/manager/bpf/20x5", String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrong.getBody()).contains("year", "Année attendue");
        assertThat(manager.getForEntity("/api/manager/bpf/1999.csv", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> years = manager.getForEntity("/api/manager/bpf", String.class);
        assertThat(years.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(years.getBody()).get("financialYearEnds").asText()).isEqualTo("12-31");
    }

    // ---- seeding ----------------------------------------------------------------------------------------------------

    private void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(9, 0)).atZone(PARIS).toInstant()));
    }

    private ProcessInstance signed(String letter, Map<String, Object> form, Trainers.Trainer trainer) {
        ProcessInstance instance = acceptedContract(form);
        String number = contractNumber(instance);
        numbers.put(letter, number);
        if (trainer != null) {
            trainers.assignToContract(number, trainer);
        }
        return instance;
    }

    private static Map<String, Object> funded(Map<String, Object> form, String funder) {
        form.put("funderCode", funder);
        return form;
    }

    private void grant(ProcessInstance instance, String amount) {
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales", Map.of("fundingDecision", "GRANTED",
                "grantedAmount", amount, "agreementReference", "ACCORD-" + UUID.randomUUID().toString().substring(0, 8)));
        executeDueJobs(instance);
    }

    /** Delivery where {@code lastName} missed the last afternoon (C3: the price does not change). */
    @SuppressWarnings("unchecked")
    private void deliverWithAnAbsence(ProcessInstance instance, String lastName) {
        toAttendanceTask(instance);
        var contract = contractService.find(contractNumber(instance));
        long absentId = contractService.participants(contract.number()).stream().filter(p -> p.lastName().equals(lastName))
                .findFirst().orElseThrow().id();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_RecordAttendance").singleResult();
        List<Map<String, String>> slots = (List<Map<String, String>>) engine.getTaskService().getVariable(task.getId(), "attendanceSlots");
        List<String> present = slots.stream().map(s -> s.get("value"))
                .filter(v -> !v.equals(absentId + "|" + contract.endsOn() + "|PM")).toList();
        assertThat(present).hasSize(slots.size() - 1);
        engine.getIdentityService().setAuthentication(TestUsers.COORDINATION, List.of("coordination"));
        try {
            engine.getTaskService().claim(task.getId(), TestUsers.COORDINATION);
            engine.getFormService().submitTaskForm(task.getId(), Map.of("presentSlots",
                    Variables.objectValue(present).serializationDataFormat("application/json").create()));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        executeDueJobs(instance);
    }

    // ---- reading the report -----------------------------------------------------------------------------------------

    private String n(String letter) {
        return numbers.get(letter);
    }

    private static Line line(List<Line> lines, String code) {
        return lines.stream().filter(l -> l.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("No line " + code + " in " + lines.stream().map(Line::code).toList()));
    }

    private static BigDecimal amount(List<Line> lines, String code) {
        return line(lines, code).amount();
    }

    private static Map<String, BigDecimal> byContract(Line line) {
        return line.contributions().stream().collect(Collectors.toMap(c -> c.contracts().get(0), Contribution::amount));
    }

    private static Contribution contribution(Line line, String contract) {
        return line.contributions().stream().filter(c -> c.contracts().contains(contract)).findFirst().orElseThrow();
    }

    private static void assertPeople(List<Line> lines, String code, int people, String hours) {
        Line line = line(lines, code);
        assertThat(line.people()).as(code + " trainees").isEqualTo(people);
        assertThat(line.hours()).as(code + " hours").isEqualByComparingTo(hours);
    }
}
