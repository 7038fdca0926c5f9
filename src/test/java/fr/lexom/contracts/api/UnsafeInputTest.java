package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.security.TextRules;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import fr.lexom.contracts.support.WebappSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 20, attacks 5 and 6: control characters and unpaired surrogates in any text, and implausible dates and rates,
 * are refused by /api (400 naming the field) and by the forms (the French message), and nothing is stored.
 */
@IntegrationTest
class UnsafeInputTest extends ProcessTestSupport {

    /** As JSON escapes: what a client sends (the raw bytes would not even be valid JSON or UTF-8). */
    static final List<String> BAD = List.of("\\u0000", "\\u0001", "\\ud800", "\\udc00", "\\u007f", "\\u0085", "\\u001b");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;

    @Test
    void aControlCharacterInAnyTextOfAQuoteIs400NamingTheFieldAndStoresNothing() throws Exception {
        Map<String, Long> before = counts();
        for (String bad : BAD) {
            for (String field : List.of("clientName", "place", "clientCity", "clientAddress", "trainingReference", "sessionCode")) {
                Map<String, Object> body = quoteBody();
                body.put(field, "Aubenas @@BAD@@ Centre");
                assertRefused(post("/api/quotes", body, bad), field);
            }
            Map<String, Object> body = quoteBody();
            body.put("participants", List.of(Map.of("firstName", "Léa", "lastName", "Roux @@BAD@@")));
            assertRefused(post("/api/quotes", body, bad), "participants[0].lastName");
        }
        // a line break is a control character too in a one-line field of /api
        Map<String, Object> body = quoteBody();
        body.put("clientName", "Imprimerie @@BAD@@ du Vivarais");
        assertRefused(post("/api/quotes", body, "\\n"), "clientName");
        assertThat(counts()).isEqualTo(before);
        // the same body without the character is fine
        assertThat(post("/api/quotes", quoteBody(), "").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aControlCharacterInAQueryIs400() {
        ResponseEntity<Map> answer = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/api/manager/contracts?q={q}", Map.class, "Vivarais\u0001");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(answer)).containsEntry("q", TextRules.MESSAGE);
    }

    @Test
    void theStartFormRefusesAControlCharacterInFrenchAndStoresNothing() {
        Map<String, Long> before = counts();
        for (String field : List.of("clientName", "place", "clientCity", "participants", "funderCode")) {
            Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
            form.put(field, form.get(field) + "\u0000");
            assertThatThrownBy(() -> startQuote(form)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                assertThat(e.errors()).containsEntry(field, TextRules.MESSAGE);
                assertThat(e.getMessage()).isEqualTo("Saisie incomplète ou incorrecte : " + TextRules.MESSAGE);
            });
        }
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("clientName", "Transports \uD800 Vivarais");
        assertThatThrownBy(() -> startQuote(form)).isInstanceOf(InvalidRequestException.class);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aTaskFormRefusesAControlCharacterAndTheTaskStaysOpen() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        assertThatThrownBy(() -> completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE\u0001")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).containsEntry("acceptanceDocument", TextRules.MESSAGE));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_RecordSignature").count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "acceptanceDocument")).isNull();
    }

    @Test
    void implausibleDatesAndRatesAre400NamingTheFieldAndStoreNothing() throws Exception {
        // a session in 9999, a VAT rate of -0.0
        Map<String, Long> before = counts();
        Map<String, Object> far = quoteBody();
        far.put("startDate", "9999-12-30");
        far.put("endDate", "9999-12-31");
        assertRefused(post("/api/quotes", far, ""), "startDate");
        ResponseEntity<Map> farEnd = post("/api/quotes", far, "");
        assertThat(errors(farEnd)).containsKey("endDate");
        Map<String, Object> ahead = quoteBody();
        ahead.put("startDate", today().plusYears(5).plusDays(1).toString());
        ahead.put("endDate", today().plusYears(5).plusDays(2).toString());
        assertRefused(post("/api/quotes", ahead, ""), "startDate");
        String negativeZero = json.writeValueAsString(quoteBody()).replaceFirst("\\{", "{\"vatRate\": -0.0, ");
        assertRefused(send(HttpMethod.POST, TestUsers.SALES, "/api/quotes", negativeZero), "vatRate");
        assertThat(counts()).isEqualTo(before);

        // a contract, then events dated 0001-01-01
        ResponseEntity<Map> created = post("/api/quotes", quoteBody(), "");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String number = (String) created.getBody().get("contractNumber");
        runJobsOf(number);
        assertRefused(post("/api/contracts/" + number + "/acceptance", Map.of("externalReference", "ESIGN-" + UUID.randomUUID(),
                "signedOn", "0001-01-01", "acceptanceDocument", "ELECTRONIC_SIGNATURE"), ""), "signedOn");
        assertRefused(post("/api/contracts/" + number + "/acceptance", Map.of("externalReference", "ESIGN-" + UUID.randomUUID(),
                "signedOn", today().minusDays(1).toString(), "acceptanceDocument", "ELECTRONIC_SIGNATURE"), ""), "signedOn");
        assertRefused(post("/api/contracts/" + number + "/withdrawal", Map.of("externalReference", "W-" + UUID.randomUUID(),
                "receivedOn", "0001-01-01"), ""), "receivedOn");
        assertRefused(post("/api/contracts/" + number + "/cancellation-request", Map.of("externalReference", "C-" + UUID.randomUUID(),
                "receivedOn", "0001-01-01"), ""), "receivedOn");
        assertRefused(post("/api/contracts/" + number + "/postponement-request", Map.of("externalReference", "P-" + UUID.randomUUID(),
                "receivedOn", today().toString(), "requestedStartDate", "9999-12-31"), ""), "requestedStartDate");
        assertThat(post("/api/contracts/" + number + "/acceptance", Map.of("externalReference", "ESIGN-" + UUID.randomUUID(),
                "signedOn", today().toString(), "acceptanceDocument", "ELECTRONIC_SIGNATURE"), "").getStatusCode()).isEqualTo(HttpStatus.OK);
        runJobsOf(number);
        String deposit = jdbc.sql("SELECT i.number FROM invoice i JOIN contract c ON c.id = i.contract_id WHERE c.number = ?")
                .param(number).query(String.class).single();
        long payments = count("payment");
        assertRefused(post("/api/payments", Map.of("externalReference", "BANK-" + UUID.randomUUID(), "invoiceNumber", deposit,
                "amount", 360.00, "receivedOn", "0001-01-01"), ""), "receivedOn");
        assertRefused(post("/api/payments", Map.of("externalReference", "BANK-" + UUID.randomUUID(), "contractNumber", number,
                "amount", 360.00, "receivedOn", today().minusDays(1).toString()), ""), "receivedOn");
        assertThat(count("payment")).isEqualTo(payments);

        // interest rates: validity from 2000 to today + 5 years, never -0
        long rates = count("interest_rate");
        for (String validFrom : List.of("+10000-01-01", "1999-12-31", today().plusYears(5).plusDays(1).toString())) {
            assertRefused(send(HttpMethod.PUT, TestUsers.ACCOUNTING, "/api/interest-rates",
                    "{\"kind\": \"LEGAL_PROFESSIONAL\", \"validFrom\": \"" + validFrom + "\", \"rate\": 0.0355}"), "validFrom");
        }
        assertRefused(send(HttpMethod.PUT, TestUsers.ACCOUNTING, "/api/interest-rates",
                "{\"kind\": \"LEGAL_PROFESSIONAL\", \"validFrom\": \"2030-07-01\", \"rate\": -0.0}"), "rate");
        assertRefused(send(HttpMethod.PUT, TestUsers.ACCOUNTING, "/api/interest-rates",
                "{\"kind\": \"LEGAL_PROFESSIONAL\", \"validFrom\": \"2030-07-01\", \"rate\": 0.0355, \"source\": \"Arr\\u0000t\u00e9\"}"), "source");
        assertThat(count("interest_rate")).isEqualTo(rates);
    }

    /**
     * The attendance checklist leaves Tasklist as a JSON object the engine keeps serialized: the text rules read its
     * text instead of failing on it ("Object is not deserialized" left the task impossible to complete).
     */
    @Test
    void theAttendanceChecklistAsTasklistSendsItIsCheckedAndAccepted() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        toAttendanceTask(instance);
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_RecordAttendance").singleResult();
        engine.getTaskService().claim(task.getId(), TestUsers.COORDINATION);
        WebappSession tasklist = WebappSession.login(rest, "tasklist", TestUsers.COORDINATION, TestUsers.PASSWORD);
        ResponseEntity<String> refused = tasklist.post("/task/" + task.getId() + "/submit-form", Map.of("variables",
                Map.of("presentSlots", checklist("[\"Martin\\u0000PM\"]"))));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("Caractère non autorisé");
        ResponseEntity<String> accepted = tasklist.post("/task/" + task.getId() + "/submit-form", Map.of("variables",
                Map.of("presentSlots", checklist("[]"))));
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    /** A list as Tasklist's Camunda Forms send it: a JSON-serialized object. */
    private static Map<String, Object> checklist(String json) {
        return Map.of("value", json, "type", "Object", "valueInfo",
                Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json"));
    }

    // --- helpers

    private void assertRefused(ResponseEntity<Map> answer, String field) {
        assertThat(answer.getStatusCode()).as(field + " " + answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(answer.getBody().get("title")).isEqualTo("Requête invalide");
        assertThat((String) answer.getBody().get("detail")).contains(field);
        assertThat(errors(answer)).containsKey(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(ResponseEntity<Map> answer) {
        Map<String, String> errors = new HashMap<>();
        ((List<Map<String, String>>) answer.getBody().get("errors")).forEach(e -> errors.put(e.get("field"), e.get("message")));
        return errors;
    }

    /** Posts {@code body} as JSON with the escape {@code bad} where it says @@BAD@@. */
    private ResponseEntity<Map> post(String path, Map<String, Object> body, String bad) throws Exception {
        String user = path.startsWith("/api/payments") ? TestUsers.ACCOUNTING : TestUsers.SALES;
        return send(HttpMethod.POST, user, path, json.writeValueAsString(body).replace("@@BAD@@", bad));
    }

    private ResponseEntity<Map> send(HttpMethod method, String user, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, TestUsers.PASSWORD).exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    private Map<String, Object> quoteBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("clientKind", "LEGAL_ENTITY");
        body.put("clientName", "Imprimerie du Vivarais");
        body.put("clientEmail", "contact-" + UUID.randomUUID().toString().substring(0, 8) + "@imprimerie-vivarais.example");
        body.put("clientCity", "Aubenas");
        body.put("trainingReference", "RCL-APPL-03");
        body.put("startDate", today().plusMonths(2).toString());
        body.put("endDate", today().plusMonths(2).plusDays(1).toString());
        body.put("modality", "ON_SITE");
        body.put("place", "LEXOM Aubenas");
        body.put("participants", List.of(Map.of("firstName", "Léa", "lastName", "Roux", "email", "lea.roux@example.org")));
        body.put("priceNet", 1000.00);
        return body;
    }

    private void runJobsOf(String number) {
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).list()
                .forEach(this::executeDueJobs);
    }

    private Map<String, Long> counts() {
        return Map.of("contract", count("contract"), "client", count("client"), "payment", count("payment"),
                "inbound_event", count("inbound_event"), "outbox_mail", count("outbox_mail"),
                "instances", engine.getHistoryService().createHistoricProcessInstanceQuery().count());
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
