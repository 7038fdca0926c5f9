package fr.lexom.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.support.EvaluationSupport;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** G1 (issue 23, item 4): a participant's evaluation answers under their rights and the retention period. */
@IntegrationTest
class EvaluationPrivacyTest extends EvaluationSupport {

    @Autowired
    InvoiceService invoices;
    @Autowired
    HalfDays halfDays;
    @Autowired
    PersonalDataService personalData;

    record Answered(String number, ProcessInstance instance, String email, List<Long> participants) {
    }

    /** A closed contract whose two participants answered both evaluations with texts naming them. */
    private Answered answeredAndClosed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "eva.rgpd." + tag + "@example.org";
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("participants", "Eva Rgpd" + tag + " <" + email + ">\nMarc Autre" + tag + " <marc.autre." + tag + "@example.org>");
        ProcessInstance instance = contractAtHotLetter(form);
        String number = contractNumber(instance);
        List<Long> ids = participantIds(number);
        executeJobOf(instance, "Task_SendHotEvaluation");
        ClockUtil.setCurrentTime(Date.from(halfDays.lastHalfDayStarts(LocalDate.parse((String) form.get("endDate")))));
        for (long id : ids) {
            assertThat(submit(linkIn("hot-evaluation", number, id), hotAnswer(id, 4, 5, 4, 3, 4, "Signé Eva " + tag))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        recordAttendance(instance);
        executeDueJobs(instance);
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        payByBank(balance.number(), balance.gross());
        fireTimer(instance, "Timer_ColdEvaluation");
        for (long id : ids) {
            assertThat(submit(linkIn("cold-evaluation", number, id), "applied_rating=3&applied=Chez+Eva&changes=Moins+de+retards")
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        executeDueJobs(instance);
        assertThat(stageOf(number)).isEqualTo("CLOSED");
        return new Answered(number, instance, email, ids);
    }

    @Test
    void erasureEffacesTheAnswersTextsAndEvidenceAndKeepsTheirRatingsAnonymously_G1() {
        Answered a = answeredAndClosed();
        long eva = a.participants().get(0);
        long marc = a.participants().get(1);
        ResponseEntity<Map> export = rest.withBasicAuth(TestUsers.DPO, TestUsers.PASSWORD)
                .postForEntity("/api/personal-data/export", Map.of("email", a.email()), Map.class);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<?>) export.getBody().get("evaluations")).as("access: the answers are in the export").hasSize(2);

        ResponseEntity<Map> erased = rest.withBasicAuth(TestUsers.DPO, TestUsers.PASSWORD)
                .postForEntity("/api/personal-data/erasure", Map.of("email", a.email()), Map.class);
        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);

        for (Map<String, Object> row : rows(eva)) {
            assertThat(row.get("comment")).isNull();
            assertThat(row.get("applied")).isNull();
            assertThat(row.get("changes")).isNull();
            assertThat(row.get("client_address")).isNull();
            assertThat(row.get("user_agent")).isNull();
            assertThat(row.get("link_fingerprint")).isEqualTo(PersonalDataService.ERASED_FINGERPRINT);
        }
        assertThat(rows(eva)).extracting(r -> ((Number) (r.get("kind").equals("HOT") ? r.get("content_rating") : r.get("applied_rating")))
                .intValue()).as("the ratings stay, for the figures").containsExactlyInAnyOrder(5, 3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evaluation_objective o JOIN evaluation_answer e ON e.id = o.answer_id WHERE e.participant_id = ?")
                .param(eva).query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT first_name || ' ' || last_name FROM participant WHERE id = ?").param(eva).query(String.class).single())
                .isEqualTo("Participant anonymisé");
        // the other participant asked nothing: their answers are untouched
        assertThat(rows(marc)).allSatisfy(r -> assertThat(r.get("client_address")).isEqualTo("127.0.0.1"));
        assertThat(rows(marc)).anySatisfy(r -> assertThat((String) r.get("comment")).startsWith("Signé Eva"));
    }

    @Test
    void theEndOfRetentionEffacesTheAnswersTextsAndEvidenceOfTheContractsParticipants_G1() {
        Answered a = answeredAndClosed();

        personalData.anonymiseContract(a.number(), true, "retention");

        for (long id : a.participants()) {
            assertThat(rows(id)).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("comment")).isNull();
                assertThat(r.get("applied")).isNull();
                assertThat(r.get("changes")).isNull();
                assertThat(r.get("client_address")).isNull();
                assertThat(r.get("user_agent")).isNull();
            });
        }
    }

    private List<Map<String, Object>> rows(long participant) {
        return jdbc.sql("SELECT * FROM evaluation_answer WHERE participant_id = ? ORDER BY id").param(participant).query().listOfRows()
                .stream().map(row -> {
                    Map<String, Object> lower = new java.util.HashMap<>();
                    row.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
                    return lower;
                }).toList();
    }
}
