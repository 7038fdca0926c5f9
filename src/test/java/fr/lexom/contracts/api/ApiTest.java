package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.TestUsers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** /api end to end: every endpoint, every error path, idempotent intake, concurrency. */
@IntegrationTest
class ApiTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;

    @Test
    void anotherSystemDrivesAContractThroughTheApiAlone() {
        String number = createQuote("WEB-" + UUID.randomUUID());
        runJobsOf(number);

        ResponseEntity<Map> accepted = post(TestUsers.SALES, "/api/contracts/" + number + "/acceptance",
                Map.of("externalReference", "ESIGN-" + UUID.randomUUID(), "signedOn", today().toString(),
                        "acceptanceDocument", "ELECTRONIC_SIGNATURE"));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        runJobsOf(number);

        Map<String, Object> state = get(TestUsers.ACCOUNTING, "/api/contracts/" + number).getBody();
        assertThat(state.get("stage")).isEqualTo("AWAITING_DEPOSIT");
        List<Map<String, Object>> invoices = (List<Map<String, Object>>) state.get("invoices");
        assertThat(invoices).hasSize(1);
        String deposit = (String) invoices.get(0).get("number");
        assertThat(invoices.get(0).get("gross")).isEqualTo(360.0); // 30 % of 1 200.00
        assertThat((List<Object>) state.get("openTasks")).extracting(t -> (Object) ((Map<?, ?>) t).get("key")).contains("Task_CollectDeposit");
        assertThat((List<?>) state.get("timeline")).isNotEmpty();
        assertThat(((Number) state.get("interestAccrued")).doubleValue()).isZero(); // due today: nothing late yet (L1)
        // ten days later, unpaid: 360.00 x 12.15 % x 10 / 365 = 1.1983... -> 1.20, and the 40 EUR indemnity (L2)
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
                org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant().plus(java.time.Duration.ofDays(10))));
        Map<String, Object> late = get(TestUsers.ACCOUNTING, "/api/contracts/" + number).getBody();
        assertThat(((Number) late.get("interestAccrued")).doubleValue()).isEqualTo(1.20);
        assertThat(((Number) late.get("indemnitiesDue")).doubleValue()).isEqualTo(40.00);
        org.camunda.bpm.engine.impl.util.ClockUtil.reset();

        ResponseEntity<Map> paid = post(TestUsers.ACCOUNTING, "/api/payments", Map.of("externalReference", "BANK-" + UUID.randomUUID(),
                "invoiceNumber", deposit, "amount", 360.00, "receivedOn", today().toString()));
        assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(paid.getBody().get("invoiceStatus")).isEqualTo("PAID");
        assertThat(get(TestUsers.MANAGER, "/api/contracts/" + number).getBody().get("stage")).isEqualTo("SCHEDULED");

        ResponseEntity<Map> invoice = get(TestUsers.ACCOUNTING, "/api/invoices/" + deposit);
        assertThat(invoice.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Object>) invoice.getBody().get("lines")).extracting(l -> (Object) ((Map<?, ?>) l).get("ruleId")).containsExactly("D1");
        assertThat(getList(TestUsers.COORDINATION, "/api/contracts/" + number + "/invoices").getBody()).hasSize(1);
    }

    @Test
    void theSameEventTwiceIsRecordedOnceAndAnsweredTheSameWay() {
        String reference = "WEB-" + UUID.randomUUID();
        Map<String, Object> body = quoteBody(reference);
        ResponseEntity<Map> first = post(TestUsers.SALES, "/api/quotes", body);
        ResponseEntity<Map> second = post(TestUsers.SALES, "/api/quotes", body);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getStatusCode()).isEqualTo(first.getStatusCode());
        assertThat(second.getBody()).isEqualTo(first.getBody());

        Map<String, Object> other = quoteBody(reference);
        other.put("priceNet", 999.00);
        assertThat(post(TestUsers.SALES, "/api/quotes", other).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        String number = (String) first.getBody().get("contractNumber");
        runJobsOf(number);
        Map<String, Object> acceptance = Map.of("externalReference", "ESIGN-" + UUID.randomUUID(),
                "signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE");
        ResponseEntity<Map> a1 = post(TestUsers.SALES, "/api/contracts/" + number + "/acceptance", acceptance);
        ResponseEntity<Map> a2 = post(TestUsers.SALES, "/api/contracts/" + number + "/acceptance", acceptance);
        assertThat(a1.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(a2.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(a2.getBody()).isEqualTo(a1.getBody());
    }

    @Test
    void unknownContractIs404AndAnEventTheContractCannotTakeIs409() {
        assertThat(get(TestUsers.SALES, "/api/contracts/DEV-1999-99999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(TestUsers.SALES, "/api/invoices/FA-1999-99999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post(TestUsers.SALES, "/api/contracts/DEV-1999-99999/acceptance", Map.of("externalReference", "EXT-1",
                "signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String number = createQuote(null);
        runJobsOf(number);
        ResponseEntity<Map> withdrawal = post(TestUsers.SALES, "/api/contracts/" + number + "/withdrawal",
                Map.of("externalReference", "W-" + UUID.randomUUID(), "receivedOn", today().toString()));
        assertThat(withdrawal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) withdrawal.getBody().get("detail")).contains("délai de rétractation", "QUOTE_SENT");
        ResponseEntity<Map> funding = post(TestUsers.ACCOUNTING, "/api/contracts/" + number + "/funding-decision",
                Map.of("externalReference", "F-" + UUID.randomUUID(), "decision", "REFUSED"));
        assertThat(funding.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void theSamePaymentReferenceWithAnotherAmountIsAConflict409() {
        String number = acceptedByApi();
        String reference = "BANK-" + UUID.randomUUID();
        Map<String, Object> payment = new HashMap<>(Map.of("externalReference", reference, "contractNumber", number,
                "amount", 100.00, "receivedOn", today().toString()));
        assertThat(post(TestUsers.ACCOUNTING, "/api/payments", payment).getStatusCode()).isEqualTo(HttpStatus.OK);
        payment.put("amount", 150.00);
        ResponseEntity<Map> reused = post(TestUsers.ACCOUNTING, "/api/payments", payment);
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) reused.getBody().get("detail")).contains(reference);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE external_reference = ?").param(reference).query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void aPaymentNamingAnUnknownContractOrInvoiceIs404() {
        ResponseEntity<Map> contract = post(TestUsers.ACCOUNTING, "/api/payments", Map.of("externalReference",
                "BANK-" + UUID.randomUUID(), "contractNumber", "DEV-1999-99999", "amount", 100.00, "receivedOn", today().toString()));
        assertThat(contract.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) contract.getBody().get("detail")).contains("DEV-1999-99999");
        ResponseEntity<Map> invoice = post(TestUsers.ACCOUNTING, "/api/payments", Map.of("externalReference",
                "BANK-" + UUID.randomUUID(), "invoiceNumber", "FA-1999-99999", "amount", 100.00, "receivedOn", today().toString()));
        assertThat(invoice.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // the OpenAPI document says so too
        Map<String, Object> docs = get(TestUsers.SALES, "/v3/api-docs").getBody();
        Map<String, Object> payments = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) docs.get("paths"))
                .get("/api/payments")).get("post");
        assertThat((Map<String, Object>) payments.get("responses")).containsKeys("200", "400", "404", "409");
    }

    @Test
    void everyStageTheApiAnswersIsOneOfTheReadmesStages() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        java.util.regex.Matcher list = java.util.regex.Pattern.compile("The contract's stage \\(([^)]*)\\)").matcher(readme);
        assertThat(list.find()).as("the README lists the stages").isTrue();
        List<String> documented = java.util.regex.Pattern.compile("`([A-Z_]+)`").matcher(list.group(1)).results()
                .map(m -> m.group(1)).toList();
        assertThat(documented).containsExactly(java.util.Arrays.stream(fr.lexom.contracts.contract.ContractStage.values())
                .map(Enum::name).toArray(String[]::new));

        String number = createQuote(null);
        runJobsOf(number);
        ResponseEntity<Map> accepted = post(TestUsers.SALES, "/api/contracts/" + number + "/acceptance", Map.of(
                "externalReference", "E-" + UUID.randomUUID(), "signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(documented).contains((String) accepted.getBody().get("stage"));
        runJobsOf(number);
        assertThat(documented).contains((String) get(TestUsers.SALES, "/api/contracts/" + number).getBody().get("stage"));
    }

    @Test
    void aDateIsJudgedByTheParisCalendarNotByTheServersClock() {
        // 23:30 UTC: already the next day in Paris, where LEXOM and its clients count days (the server runs on UTC)
        java.time.Instant lateEvening = LocalDate.now(java.time.ZoneOffset.UTC).atTime(23, 30)
                .toInstant(java.time.ZoneOffset.UTC);
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(lateEvening));

        assertThat(post(TestUsers.SALES, "/api/contracts/DEV-1999-99999/acceptance", Map.of("externalReference", "EXT-2",
                "signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE")).getStatusCode())
                .as("signed today in Paris: valid, then an unknown contract").isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> tomorrow = post(TestUsers.SALES, "/api/contracts/DEV-1999-99999/acceptance", Map.of(
                "externalReference", "EXT-3", "signedOn", today().plusDays(1).toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        assertThat(tomorrow.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tomorrow.getBody().toString()).contains("signedOn", "ne peut pas être dans le futur");
    }

    @Test
    void aRuleOfTheEditionIsA400NamingTheField_S1_LEGACY() {
        Map<String, Object> body = quoteBody(null);
        body.put("cgvEdition", "CGV_LEGACY");
        String number = (String) post(TestUsers.SALES, "/api/quotes", body).getBody().get("contractNumber");
        runJobsOf(number);
        ResponseEntity<Map> refused = post(TestUsers.SALES, "/api/contracts/" + number + "/acceptance",
                Map.of("externalReference", "E-" + UUID.randomUUID(), "signedOn", today().toString(), "cgvSigned", true));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Object>) refused.getBody().get("errors")).extracting(e -> (Object) ((Map<?, ?>) e).get("field")).containsExactly("acceptanceMark");
    }

    @Test
    void theClientsCancellationRequestIsPricedByTheTableAndEndsTheContract_C0_C1() {
        String number = acceptedByApi();
        Map<String, Object> request = Map.of("externalReference", "MAIL-" + UUID.randomUUID(), "receivedOn", today().toString());
        ResponseEntity<Map> accepted = post(TestUsers.SALES, "/api/contracts/" + number + "/cancellation-request", request);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runJobsOf(number);
        Map<String, Object> state = get(TestUsers.MANAGER, "/api/contracts/" + number).getBody();
        assertThat(state.get("stage")).isEqualTo("CANCELLED");
        assertThat((List<Object>) state.get("invoices")).extracting(i -> (Object) ((Map<?, ?>) i).get("kind")).contains("FEE");
        // the same request again: recorded once, same answer; another request on a cancelled contract: 409
        assertThat(post(TestUsers.SALES, "/api/contracts/" + number + "/cancellation-request", request).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<Map> late = post(TestUsers.SALES, "/api/contracts/" + number + "/postponement-request",
                Map.of("externalReference", "MAIL-" + UUID.randomUUID(), "receivedOn", today().toString()));
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) late.getBody().get("detail")).contains("Annulé");
    }

    @Test
    void rolesAreCheckedPerGroup() {
        assertThat(post(TestUsers.ACCOUNTING, "/api/quotes", quoteBody(null)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(TestUsers.SALES, "/api/payments", Map.of("externalReference", "PAY-1", "contractNumber", "DEV-2026-00001",
                "amount", 1, "receivedOn", today().toString())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/contracts/DEV-2026-00001", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> docs = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("/api/payments", "/api/quotes", "/api/contracts/{number}/acceptance");
    }

    @Test
    void theSamePaymentPostedTwentyTimesInParallelIsRecordedOnce() throws Exception {
        String number = acceptedByApi();
        String reference = "BANK-" + UUID.randomUUID();
        Map<String, Object> payment = Map.of("externalReference", reference, "contractNumber", number, "amount", 100.00,
                "receivedOn", today().toString());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<ResponseEntity<Map>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> post(TestUsers.ACCOUNTING, "/api/payments", payment));
        }
        List<ResponseEntity<Map>> answers = new ArrayList<>();
        try {
            for (Future<ResponseEntity<Map>> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(answers).extracting(a -> a.getBody().get("paymentId")).containsOnly(answers.get(0).getBody().get("paymentId"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE external_reference = ?").param(reference).query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void accountingAddsTheRatesOfAHalfYear_L1() {
        Map<String, Object> rate = Map.of("kind", "LEGAL_PROFESSIONAL", "validFrom", "2030-07-01", "rate", 0.0355,
                "source", "Arrêté du 20 juin 2030");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<List> put = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .exchange("/api/interest-rates", HttpMethod.PUT, new HttpEntity<>(rate, headers), List.class);
        assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put.getBody()).extracting(r -> (Object) ((Map<?, ?>) r).get("validFrom")).contains("2030-07-01");
        ResponseEntity<Map> refused = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .exchange("/api/interest-rates", HttpMethod.PUT, new HttpEntity<>(rate, headers), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> percent = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD).exchange("/api/interest-rates",
                HttpMethod.PUT, new HttpEntity<>(Map.of("kind", "LEGAL_PROFESSIONAL", "validFrom", "2030-07-01", "rate", 3.55), headers), Map.class);
        assertThat(percent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        jdbc.sql("DELETE FROM interest_rate WHERE valid_from = DATE '2030-07-01'").update();
    }

    String acceptedByApi() {
        String number = createQuote(null);
        runJobsOf(number);
        post(TestUsers.SALES, "/api/contracts/" + number + "/acceptance", Map.of("externalReference", "E-" + UUID.randomUUID(),
                "signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        runJobsOf(number);
        return number;
    }

    String createQuote(String reference) {
        ResponseEntity<Map> created = post(TestUsers.SALES, "/api/quotes", quoteBody(reference));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation().toString()).endsWith((String) created.getBody().get("contractNumber"));
        return (String) created.getBody().get("contractNumber");
    }

    Map<String, Object> quoteBody(String reference) {
        Map<String, Object> body = new HashMap<>();
        if (reference != null) {
            body.put("externalReference", reference);
        }
        body.put("clientKind", "LEGAL_ENTITY");
        body.put("clientName", "Imprimerie du Vivarais");
        body.put("clientEmail", "contact-" + UUID.randomUUID().toString().substring(0, 8) + "@imprimerie-vivarais.example");
        body.put("trainingReference", "RCL-APPL-03");
        body.put("startDate", today().plusMonths(2).toString());
        body.put("endDate", today().plusMonths(2).plusDays(1).toString());
        body.put("modality", "REMOTE");
        body.put("participants", List.of(Map.of("firstName", "Léa", "lastName", "Roux", "email", "lea.roux@example.org")));
        body.put("priceNet", 1000.00);
        return body;
    }

    void runJobsOf(String number) {
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).list()
                .forEach(this::executeDueJobs);
    }

    ResponseEntity<Map> post(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, TestUsers.PASSWORD).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    ResponseEntity<Map> get(String user, String path) {
        return rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity(path, Map.class);
    }

    ResponseEntity<List> getList(String user, String path) {
        return rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity(path, List.class);
    }
}
