package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.support.EvaluationSupport;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** E1 (issue 23, item 4): the managers' figures of the evaluations, exact, their answers, and the CSV export. */
@IntegrationTest
class EvaluationsApiTest extends EvaluationSupport {

    /** Decimals read as written: 4.50 stays 4.50. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Autowired
    HalfDays halfDays;

    record Seeded(String number, String place, LocalDate hotDay, LocalDate coldDay, List<Long> participants) {
    }

    /**
     * Three participants; hot: Anne (objectives 4, content 4, trainer 3, organisation 5, pace 2) and Luc (5, 5, 4, 5,
     * 3) answer, Zoé does not; cold: Anne answers 4, the others not.
     */
    private Seeded seed() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        String place = "Salle Évaluations " + UUID.randomUUID().toString().substring(0, 8);
        form.put("place", place);
        form.put("participants", "Anne Dupont <anne.dupont@example.org>\nLuc Martin\nZoé Petit");
        ProcessInstance instance = contractAtHotLetter(form);
        String number = contractNumber(instance);
        List<Long> ids = participantIds(number);
        executeJobOf(instance, "Task_SendHotEvaluation");
        ClockUtil.setCurrentTime(Date.from(halfDays.lastHalfDayStarts(LocalDate.parse((String) form.get("endDate")))));
        LocalDate day = today();
        assertThat(submit(linkIn("hot-evaluation", number, ids.get(0)), hotAnswer(ids.get(0), 4, 4, 3, 5, 2,
                "Bien ; \"super\"\nmerci")).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(submit(linkIn("hot-evaluation", number, ids.get(1)), hotAnswer(ids.get(1), 5, 5, 4, 5, 3, "=1+1"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        recordAttendance(instance);
        executeDueJobs(instance);
        fireTimer(instance, "Timer_ColdEvaluation");
        assertThat(submit(linkIn("cold-evaluation", number, ids.get(0)), "applied_rating=4&applied=Les+mod%C3%A8les")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        return new Seeded(number, place, day, today(), ids);
    }

    @Test
    void theManagersSeeEachSessionsResponseRatesAndMeansExactToTwoDecimals_andItsAnswers_E1() throws Exception {
        Seeded s = seed();

        ResponseEntity<String> answer = manager().getForEntity("/api/manager/evaluations", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("\"content\":4.50,");
        JsonNode training = StreamSupport.stream(JSON.readTree(answer.getBody()).get("trainings").spliterator(), false)
                .filter(t -> t.get("reference").asText().equals("RCL-APPL-03")).findFirst().orElseThrow();
        JsonNode session = StreamSupport.stream(training.get("sessions").spliterator(), false)
                .filter(x -> x.get("place").asText().equals(s.place())).findFirst().orElseThrow();
        assertThat(session.get("label").asText()).contains(s.place(), "du ");
        JsonNode hot = session.get("hot");
        assertThat(hot.get("invited").asLong()).isEqualTo(3);
        assertThat(hot.get("answered").asLong()).isEqualTo(2);
        assertThat(hot.get("responseRate").decimalValue()).isEqualTo(new BigDecimal("66.67"));
        assertThat(hot.get("content").decimalValue()).isEqualTo(new BigDecimal("4.50"));
        assertThat(hot.get("trainer").decimalValue()).isEqualTo(new BigDecimal("3.50"));
        assertThat(hot.get("organisation").decimalValue()).isEqualTo(new BigDecimal("5.00"));
        assertThat(hot.get("pace").decimalValue()).isEqualTo(new BigDecimal("2.50"));
        assertThat(hot.get("objectives").decimalValue()).isEqualTo(new BigDecimal("4.50"));
        JsonNode cold = session.get("cold");
        assertThat(cold.get("invited").asLong()).isEqualTo(3);
        assertThat(cold.get("answered").asLong()).isEqualTo(1);
        assertThat(cold.get("responseRate").decimalValue()).isEqualTo(new BigDecimal("33.33"));
        assertThat(cold.get("applied").decimalValue()).isEqualTo(new BigDecimal("4.00"));
        assertThat(training.get("hot").get("answered").asLong()).isGreaterThanOrEqualTo(2);

        ResponseEntity<String> answers = manager().getForEntity("/api/manager/evaluations/answers?training={t}&session={s}",
                String.class, "RCL-APPL-03", session.get("key").asText());
        assertThat(answers.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode list = JSON.readTree(answers.getBody());
        assertThat(list).hasSize(3);
        assertThat(StreamSupport.stream(list.spliterator(), false).map(a -> a.get("participant").asText() + " " + a.get("kind").asText()))
                .containsExactlyInAnyOrder("Anne Dupont HOT", "Luc Martin HOT", "Anne Dupont COLD");
        JsonNode anneHot = StreamSupport.stream(list.spliterator(), false)
                .filter(a -> a.get("participant").asText().equals("Anne Dupont") && a.get("kind").asText().equals("HOT"))
                .findFirst().orElseThrow();
        assertThat(anneHot.get("comment").asText()).isEqualTo("Bien ; \"super\"\nmerci");
        assertThat(anneHot.get("kindLabel").asText()).isEqualTo("Évaluation à chaud");
        assertThat(anneHot.get("objectives")).hasSize(3);

        for (String user : List.of(TestUsers.SALES, TestUsers.COORDINATION, TestUsers.ACCOUNTING)) {
            assertThat(rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity("/api/manager/evaluations", String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity("/api/evaluations.csv", String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void theCsvHasABomAFrenchExcelSeparatorOneQuotedLinePerAnswerAndItsFilters_E1() {
        Seeded s = seed();

        ResponseEntity<byte[]> csv = manager().getForEntity("/api/evaluations.csv?training=RCL-APPL-03&from={d}", byte[].class,
                s.hotDay());
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv").contains("UTF-8");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("evaluations.csv");
        byte[] bytes = csv.getBody();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith(EvaluationCsv.HEADER + "\r\n").startsWith("contract_number;training_code;session;");
        assertThat(text).contains(s.number() + ";RCL-APPL-03;").contains(";Anne Dupont;HOT;")
                .contains(";4;3;5;2;1:4|2:4|3:4;;\"Bien ; \"\"super\"\"\nmerci\";;\r\n")
                .contains(";Luc Martin;HOT;").contains(";'=1+1;")
                .contains(";Anne Dupont;COLD;").contains(";;;;;;4;;Les modèles;\r\n");
        assertThat(text.split("\r\n")).filteredOn(line -> line.startsWith(s.number() + ";")).hasSize(3);

        // answered_at by Paris day: the hot answers' day alone, then up to the day before them
        ResponseEntity<byte[]> hotDay = manager().getForEntity("/api/evaluations.csv?from={d}&to={d}", byte[].class,
                s.hotDay(), s.hotDay());
        assertThat(new String(hotDay.getBody(), StandardCharsets.UTF_8).split("\r\n"))
                .filteredOn(line -> line.startsWith(s.number() + ";")).hasSize(2).allMatch(line -> line.contains(";HOT;"));
        ResponseEntity<byte[]> before = manager().getForEntity("/api/evaluations.csv?to={d}", byte[].class, s.hotDay().minusDays(1));
        assertThat(new String(before.getBody(), StandardCharsets.UTF_8)).doesNotContain(s.number());
        ResponseEntity<byte[]> other = manager().getForEntity("/api/evaluations.csv?training=AK-RCL-RCL-09", byte[].class);
        assertThat(new String(other.getBody(), StandardCharsets.UTF_8)).doesNotContain(s.number());

        ResponseEntity<String> badDay = manager().getForEntity("/api/evaluations.csv?from=31/12/2026", String.class);
        assertThat(badDay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDay.getBody()).contains("from", "AAAA-MM-JJ");
        ResponseEntity<String> backwards = manager().getForEntity("/api/evaluations.csv?from=2027-01-02&to=2027-01-01", String.class);
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void csvTextsAreQuotedAndNeverRunAsFormulas() {
        assertThat(EvaluationCsv.text("simple")).isEqualTo("simple");
        assertThat(EvaluationCsv.text("a;b")).isEqualTo("\"a;b\"");
        assertThat(EvaluationCsv.text("dit \"oui\"")).isEqualTo("\"dit \"\"oui\"\"\"");
        assertThat(EvaluationCsv.text("deux\r\nlignes")).isEqualTo("\"deux\r\nlignes\"");
        assertThat(EvaluationCsv.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(EvaluationCsv.text("+33 6")).isEqualTo("'+33 6");
        assertThat(EvaluationCsv.text("@SUM")).isEqualTo("'@SUM");
        assertThat(EvaluationCsv.text(null)).isEmpty();
    }

    private TestRestTemplate manager() {
        return rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD);
    }
}
