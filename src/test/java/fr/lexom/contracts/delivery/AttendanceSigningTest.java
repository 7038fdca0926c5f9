package fr.lexom.contracts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.lexom.contracts.participant.ParticipantLinks;
import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Issue 23, items 2 and 5: half-days signed online by participants and countersigned by the trainer (E1). */
@IntegrationTest
class AttendanceSigningTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ParticipantLinks links;

    /** A company's contract, deposit paid, its trainer named, convened: the clock is at the first day's 09:10. */
    private ProcessInstance trainingUnderWay(String trainerEmail) {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(contract, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        if (trainerEmail != null) {
            ResponseEntity<Map> named = putTrainer(TestUsers.COORDINATION, "/api/contracts/" + contractNumber(contract) + "/trainer",
                    Map.of("kind", "EXTERNAL", "fullName", "Claire Vidal", "email", trainerEmail));
            assertThat(named.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        fireTimer(contract, "Timer_ConvocationDue");
        fireTimer(contract, "Timer_TrainingStarts");
        at(halfDay(contract, 0, "AM").start().plus(Duration.ofMinutes(10)));
        return contract;
    }

    @Test
    void aParticipantSignsTheHalfDayRunningOnceAndItsEvidenceIsKept_E1() {
        ProcessInstance contract = trainingUnderWay(null);
        long anne = participant(contract, 0);
        String token = participantToken(anne, contract);
        HalfDays.HalfDay morning = halfDay(contract, 0, "AM");

        ResponseEntity<String> page = rest.getForEntity("/p/" + token, String.class);
        assertThat(text(page)).contains("À signer maintenant", "Je signe ma présence : " + morning.label(), "À venir");

        ResponseEntity<String> signed = signAs(token, morning.day().toString(), "AM");
        assertThat(signed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(text(signed)).contains("Votre présence est signée pour le " + morning.label(), "Signée le ");
        Map<String, Object> evidence = jdbc.sql("SELECT * FROM attendance_signature WHERE participant_id = ?").param(anne)
                .query().singleRow();
        assertThat(evidence.get("link_fingerprint")).isEqualTo(ParticipantLinks.fingerprint(token)).isNotEqualTo(token);
        assertThat(evidence.get("client_address")).isEqualTo("127.0.0.1");
        assertThat(evidence.get("user_agent")).isEqualTo("Phone/1.0 (test)");
        Object firstTime = evidence.get("signed_at");

        at(ClockUtil.now().toInstant().plus(Duration.ofMinutes(5)));
        ResponseEntity<String> again = signAs(token, morning.day().toString(), "AM");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(text(again)).contains("déjà signée", "rien n'a changé");
        assertThat(jdbc.sql("SELECT signed_at FROM attendance_signature WHERE participant_id = ?").param(anne).query().listOfRows())
                .as("signing twice is recorded once").hasSize(1).first().extracting(r -> r.get("signed_at")).isEqualTo(firstTime);
        assertThat(text(rest.getForEntity("/p/" + token, String.class))).doesNotContain("Je signe ma présence : " + morning.label());
    }

    @Test
    void aLateEarlyOrForeignSignatureIsRefusedInFrenchAndNothingIsStored_E1() {
        ProcessInstance contract = trainingUnderWay(null);
        long luc = participant(contract, 1);
        String token = participantToken(luc, contract);
        HalfDays.HalfDay morning = halfDay(contract, 0, "AM");
        at(morning.end().plusSeconds(60));

        ResponseEntity<String> late = signAs(token, morning.day().toString(), "AM");
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(text(late)).contains("est close", "une signature tardive n'est pas acceptée");
        ResponseEntity<String> early = signAs(token, morning.day().plusDays(1).toString(), "PM");
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(text(early)).contains("n'est pas encore ouverte");
        ResponseEntity<String> foreign = signAs(token, morning.day().minusDays(3).toString(), "AM");
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(text(foreign)).contains("ne fait pas partie de votre formation");
        for (String[] unreadable : List.of(new String[] {"2027-13-45", "AM"}, new String[] {morning.day().toString(), "XX"},
                new String[] {null, "AM"})) {
            ResponseEntity<String> refused = signAs(token, unreadable[0], unreadable[1]);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(text(refused)).contains("Demande illisible");
        }
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(signAs(forged, morning.day().toString(), "PM").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String expired = links.token(luc, Purpose.PARTICIPANT, ClockUtil.now().toInstant().minusSeconds(1));
        assertThat(signAs(expired, morning.day().toString(), "PM").getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attendance_signature WHERE participant_id = ?").param(luc).query(Long.class).single())
                .isZero();
    }

    @Test
    void theTrainerGetsTheirLinkAndCountersignsTheirHalfDaysWithinTheGraceOnly_E1() {
        String email = "claire.vidal-" + UUID.randomUUID().toString().substring(0, 8) + "@formateurs.example";
        ProcessInstance contract = trainingUnderWay(email);
        String number = contractNumber(contract);
        String mail = jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ? AND letter = 'trainer-link'")
                .param(number).query(String.class).single();
        var link = Pattern.compile("http://localhost:8080(/p/formateur/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(mail);
        assertThat(link.find()).as(mail).isTrue();
        assertThat(mail).contains("Bonjour Claire Vidal", "09h00 - 12h30 et 13h30 - 17h30", "2 h après la fin de la demi-journée");
        String trainerPath = link.group(1);
        HalfDays.HalfDay morning = halfDay(contract, 0, "AM");
        String anne = participantToken(participant(contract, 0), contract);
        signAs(anne, morning.day().toString(), "AM");

        ResponseEntity<String> page = rest.getForEntity(trainerPath, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(text(page)).contains("1 participant(s) sur 2 ont signé", "Anne Dupont : signé le ",
                "Luc Martin : pas de signature", "Je contresigne : " + morning.label()).doesNotContain("Transports Vivarais", "€");
        long contractId = contractService.find(number).id();
        ResponseEntity<String> countersigned = countersignAs(trainerPath, contractId, morning.day().toString(), "AM");
        assertThat(countersigned.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(text(countersigned)).contains("Vous avez contresigné le " + morning.label(), "Contresigné le ");
        assertThat(text(countersignAs(trainerPath, contractId, morning.day().toString(), "AM"))).contains("déjà contresigné");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attendance_countersignature WHERE contract_id = ?").param(contractId)
                .query(Long.class).single()).isOne();

        // another trainer's link opens their own page, never this contract
        var other = trainers.save(Trainers.Kind.INTERNAL, "Paul Ferrand", "paul-" + UUID.randomUUID() + "@lexom.example");
        String otherPath = "/p/formateur/" + links.token(other.id(), Purpose.TRAINER, ClockUtil.now().toInstant().plusSeconds(86_400));
        assertThat(text(rest.getForEntity(otherPath, String.class))).contains("Aucune demi-journée à contresigner");
        assertThat(countersignAs(otherPath, contractId, morning.day().toString(), "PM").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // a participant's link is not a trainer's
        assertThat(rest.getForEntity("/p/formateur/" + anne, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // the afternoon: countersigned within the 2 h grace after it ends, refused after
        HalfDays.HalfDay afternoon = halfDay(contract, 0, "PM");
        at(afternoon.end().plus(Duration.ofMinutes(110)));
        assertThat(countersignAs(trainerPath, contractId, afternoon.day().toString(), "PM").getStatusCode()).isEqualTo(HttpStatus.OK);
        HalfDays.HalfDay nextMorning = halfDay(contract, 1, "AM");
        at(nextMorning.end().plus(Duration.ofMinutes(121)));
        ResponseEntity<String> late = countersignAs(trainerPath, contractId, nextMorning.day().toString(), "AM");
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(text(late)).contains("La contresignature du " + nextMorning.label() + " est close");
    }

    @Test
    void theAttendanceTaskOpensOnceSigningIsClosedPreFilledFromTheSignaturesAndKeepsCoordinationsCorrections_E1_C3() {
        ProcessInstance contract = trainingUnderWay(null);
        String number = contractNumber(contract);
        signEveryHalfDay(contract, "Martin", "PM");
        assertThat(contract).isWaitingAt("Timer_SigningClosed");
        var closing = engine.getManagementService().createJobQuery().processInstanceId(contract.getId())
                .activityId("Timer_SigningClosed").singleResult();
        assertThat(closing.getDuedate().toInstant()).as("2 h after the last afternoon ends")
                .isEqualTo(halfDay(contract, 1, "PM").end().plus(Duration.ofHours(2)));
        fireTimer(contract, "Timer_SigningClosed");
        assertThat(contract).hasPassed("Task_SendHotEvaluation").isWaitingAt("Task_RecordAttendance");

        Task task = engine.getTaskService().createTaskQuery().processInstanceId(contract.getId())
                .taskDefinitionKey("Task_RecordAttendance").singleResult();
        @SuppressWarnings("unchecked")
        List<Map<String, String>> slots = (List<Map<String, String>>) engine.getTaskService().getVariable(task.getId(), "attendanceSlots");
        @SuppressWarnings("unchecked")
        List<String> ticked = (List<String>) engine.getTaskService().getVariable(task.getId(), "presentSlots");
        assertThat(slots).hasSize(8);
        assertThat(ticked).as("every signed half-day ticked, Luc Martin's last afternoon not").hasSize(7)
                .doesNotContain(slots.get(7).get("value"));
        assertThat(slots.get(0).get("label")).contains("Anne Dupont", "signé à 09h10");
        assertThat(slots.get(7).get("label")).contains("Luc Martin", "non signé");

        // coordination: Anne left on the first morning (signed, absent); Luc signed the last afternoon on paper
        List<String> entered = new java.util.ArrayList<>(ticked);
        entered.remove(slots.get(0).get("value"));
        entered.add(slots.get(7).get("value"));
        engine.getIdentityService().setAuthentication(TestUsers.COORDINATION, List.of("coordination"));
        try {
            engine.getTaskService().claim(task.getId(), TestUsers.COORDINATION);
            engine.getFormService().submitTaskForm(task.getId(), Map.of("presentSlots",
                    Variables.objectValue(entered).serializationDataFormat("application/json").create()));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        executeDueJobs(contract);
        assertThat(jdbc.sql("""
                SELECT p.last_name, a.session_day, a.half_day, a.present, a.signed, a.recorded_by
                FROM attendance a JOIN participant p ON p.id = a.participant_id
                JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND a.corrected ORDER BY a.session_day, a.half_day""")
                .param(number).query((rs, n) -> rs.getString(1) + " " + rs.getObject(2, LocalDate.class) + " " + rs.getString(3)
                        + " present=" + rs.getBoolean(4) + " signed=" + rs.getBoolean(5) + " by " + rs.getString(6)).list()).containsExactly(
                "Dupont " + halfDay(contract, 0, "AM").day() + " AM present=false signed=true by " + TestUsers.COORDINATION,
                "Martin " + halfDay(contract, 1, "PM").day() + " PM present=true signed=false by " + TestUsers.COORDINATION);
        assertThat(jdbc.sql("SELECT detail FROM contract_event e JOIN contract c ON c.id = e.contract_id "
                + "WHERE c.number = ? AND e.kind = 'ATTENDANCE_CORRECTED'").param(number).query(String.class).single())
                .contains("Émargement corrigé (2)", "Anne Dupont", "signé, noté absent", "Luc Martin", "présent sans signature");
        // C3: the absence changes nothing to the price
        assertThat(jdbc.sql("SELECT gross FROM invoice i JOIN contract c ON c.id = i.contract_id WHERE c.number = ? AND i.kind = 'BALANCE'")
                .param(number).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("2016.00");
    }

    @Test
    void aContractWithoutATrainerSendsNoTrainerMailAndSaysSoInItsTimeline_E1() {
        ProcessInstance contract = trainingUnderWay(null);
        String number = contractNumber(contract);
        assertThat(contract).hasPassed("Task_SendTrainerLink");
        assertThat(lettersOf(number)).doesNotContain("trainer-link");
        assertThat(jdbc.sql("SELECT detail FROM contract_event e JOIN contract c ON c.id = e.contract_id WHERE c.number = ? "
                + "AND e.kind = 'NO_TRAINER'").param(number).query(String.class).single()).contains("Aucun formateur désigné");
    }

    @Test
    void coordinationNamesTheTrainerOfAContractOrOfASessionAndBadInputIsRefused_E1() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(contract);
        String path = "/api/contracts/" + number + "/trainer";
        Map<String, Object> body = Map.of("kind", "INTERNAL", "fullName", "Marc Olivier", "email", "Marc.Olivier@LEXOM.example");
        ResponseEntity<Map> named = putTrainer(TestUsers.COORDINATION, path, body);
        assertThat(named.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(named.getBody()).containsEntry("email", "marc.olivier@lexom.example").containsEntry("kind", "INTERNAL");
        assertThat(trainers.ofContract(contractService.find(number).id())).get().extracting(Trainers.Trainer::fullName).isEqualTo("Marc Olivier");

        assertThat(putTrainer(TestUsers.SALES, path, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(putTrainer(TestUsers.COORDINATION, "/api/contracts/DEV-1999-00001/trainer", body).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> refused = putTrainer(TestUsers.COORDINATION, path, Map.of("kind", "FREELANCE", "fullName", "",
                "email", "pas-une-adresse"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("kind", "INTERNAL ou EXTERNAL", "fullName", "email", "adresse e-mail invalide");

        // a session's trainer: its contracts whose training has not ended take it, and so does a new quote on it
        String code = "SESS-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate start = today().plusMonths(3);
        jdbc.sql("""
                INSERT INTO training_session (code, training_id, starts_on, ends_on, modality, place, capacity)
                SELECT ?, id, ?, ?, 'ON_SITE', 'LEXOM Aubenas', 10 FROM training WHERE reference = 'RCL-APPL-03'""")
                .params(code, start, start.plusDays(1)).update();
        ResponseEntity<Map> session = putTrainer(TestUsers.MANAGER, "/api/sessions/" + code + "/trainer",
                Map.of("kind", "EXTERNAL", "fullName", "Inès Caron", "email", "ines.caron-" + code + "@formateurs.example"));
        assertThat(session.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> quote = new HashMap<>(QuoteForms.company(start));
        quote.put("sessionCode", code);
        String onSession = contractNumber(startQuote(quote));
        assertThat(trainers.ofContract(contractService.find(onSession).id())).get().extracting(Trainers.Trainer::fullName)
                .isEqualTo("Inès Caron");
        assertThat(putTrainer(TestUsers.MANAGER, "/api/sessions/NO-SUCH-SESSION/trainer", body).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aLinkUsedTooOftenIsRefusedForTheRestOfTheMinuteWithAFrenchPage() {
        String token = links.token(Long.MAX_VALUE - 7, Purpose.PARTICIPANT, ClockUtil.now().toInstant().plusSeconds(3600));
        int answered = 0;
        ResponseEntity<String> last = null;
        for (int i = 0; i < 31; i++) {
            last = rest.getForEntity("/p/" + token, String.class);
            if (last.getStatusCode() != HttpStatus.TOO_MANY_REQUESTS) {
                answered++;
            }
        }
        assertThat(answered).as("the minute's allowance, then 429").isLessThanOrEqualTo(30);
        assertThat(last.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(last.getHeaders().getFirst("Retry-After")).matches("[0-9]+");
        assertThat(text(last)).contains("Trop de demandes", "Réessayez dans");
        String another = links.token(Long.MAX_VALUE - 8, Purpose.PARTICIPANT, ClockUtil.now().toInstant().plusSeconds(3600));
        assertThat(rest.getForEntity("/p/" + another, String.class).getStatusCode()).as("another link is not limited")
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Autowired
    Trainers trainers;

    /** A page's text as a reader sees it (Thymeleaf escapes the apostrophe). */
    private static String text(ResponseEntity<String> page) {
        return org.springframework.web.util.HtmlUtils.htmlUnescape(page.getBody());
    }

    private ResponseEntity<String> signAs(String token, String day, String half) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (day != null) {
            form.add("day", day);
        }
        form.add("half", half);
        return postForm("/p/" + token + "/presence", form);
    }

    private ResponseEntity<String> countersignAs(String trainerPath, long contractId, String day, String half) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("training", Long.toString(contractId));
        form.add("day", day);
        form.add("half", half);
        return postForm(trainerPath + "/contreseing", form);
    }

    private ResponseEntity<String> postForm(String path, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set("User-Agent", "Phone/1.0 (test)");
        return rest.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> putTrainer(String user, String path, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, TestUsers.PASSWORD).exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), Map.class);
    }

    private long participant(ProcessInstance contract, int index) {
        return contractService.participants(contractNumber(contract)).get(index).id();
    }

    private String participantToken(long participantId, ProcessInstance contract) {
        return links.token(participantId, Purpose.PARTICIPANT, contractService.find(contractNumber(contract)).endsOn().plusDays(2)
                .atStartOfDay(HalfDays.PARIS).toInstant());
    }

    private HalfDays.HalfDay halfDay(ProcessInstance contract, int dayIndex, String half) {
        return halfDays.of(contractService.find(contractNumber(contract)).startsOn().plusDays(dayIndex), half);
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }
}
