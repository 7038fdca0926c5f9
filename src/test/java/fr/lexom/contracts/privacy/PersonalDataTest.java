package fr.lexom.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.cancellation.ContractRequests;
import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** G1, G2: a person's rights over their data, through the API and from Tasklist; access limited to the DPO. */
@IntegrationTest
class PersonalDataTest extends ProcessTestSupport {

    private static final AtomicInteger PEOPLE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceService invoices;
    @Autowired
    ContractRequests requests;

    /** An individual with values found nowhere else in the database. */
    record Person(String name, String email, String street, Map<String, Object> form) {
    }

    private Person person() {
        int n = PEOPLE.incrementAndGet();
        String name = "Zoé Erasmea" + n;
        String email = "zoe.erasmea" + n + "@example.org";
        String street = n + " impasse des Tilleuls Rgpd";
        Map<String, Object> form = QuoteForms.individual(today().plusMonths(2));
        form.put("clientName", name);
        form.put("clientEmail", email);
        form.put("clientAddress", street);
        form.put("participants", name + " <" + email + ">");
        return new Person(name, email, street, form);
    }

    @Test
    void theDpoExportsEverythingHeldAboutAPersonAsJson_G1() {
        Person person = person();
        ProcessInstance instance = acceptedContract(person.form());
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_WithdrawalPeriod"); // W1 over: the deposit invoice is issued
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow();
        payByBank(deposit.number(), new BigDecimal("100.00")); // a part of it

        ResponseEntity<Map> answer = dpo().postForEntity("/api/personal-data/export", Map.of("email", person.email()), Map.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("donnees-personnelles.json");
        Map<String, Object> export = answer.getBody();
        assertThat(export.get("personne")).isEqualTo(person.email());
        assertThat((List<Map<String, Object>>) export.get("clients")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("name", person.name()).containsEntry("billing_line1", person.street()));
        List<Map<String, Object>> contracts = (List<Map<String, Object>>) export.get("contrats");
        assertThat(contracts).extracting(c -> c.get("number")).containsExactly(number);
        assertThat((List<?>) contracts.get(0).get("factures")).isNotEmpty();
        assertThat((List<?>) contracts.get(0).get("documents")).isNotEmpty();
        assertThat((List<Map<String, Object>>) contracts.get(0).get("paiements")).singleElement()
                .satisfies(p -> assertThat(new BigDecimal(p.get("amount").toString())).isEqualByComparingTo("100.00"));
        assertThat((List<Map<String, Object>>) export.get("participations")).extracting(p -> p.get("email")).contains(person.email());
        assertThat((List<Map<String, Object>>) export.get("courriels")).extracting(m -> m.get("letter"))
                .contains("quote", "acceptance-acknowledgement");
        // accountability: recorded, the address as a hash only
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_request WHERE kind = 'EXPORT' AND subject_hash = ?")
                .param(PersonalDataService.sha256(person.email().toLowerCase(Locale.ROOT))).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void onlyTheDpoMayExerciseTheRights_andBadInputIsExplained() {
        Map<String, String> body = Map.of("email", "personne@example.org");
        for (String user : List.of(TestUsers.SALES, TestUsers.MANAGER, TestUsers.ACCOUNTING, TestUsers.COORDINATION)) {
            assertThat(rest.withBasicAuth(user, TestUsers.PASSWORD).postForEntity("/api/personal-data/export", body, String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.postForEntity("/api/personal-data/erasure", body, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> unknown = dpo().postForEntity("/api/personal-data/export", Map.of("email", "nobody-" + System.nanoTime() + "@example.org"), String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("Aucune donnée");
        ResponseEntity<String> invalid = dpo().postForEntity("/api/personal-data/erasure", Map.of("email", "not-an-address"), String.class);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody()).contains("email");
    }

    @Test
    void erasureIsRefusedWhileAContractRuns_andChangesNothing() {
        Person person = person();
        String number = contractNumber(acceptedContract(person.form()));
        ResponseEntity<String> answer = dpo().postForEntity("/api/personal-data/erasure", Map.of("email", person.email()), String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody()).contains(number, "en cours");
        assertThat(jdbc.sql("SELECT name FROM client WHERE email = ?").param(person.email()).query(String.class).single())
                .isEqualTo(person.name());
    }

    @Test
    void rectificationReplacesTheNameAndAddressWhereverTheyAreKept_G1() {
        Person person = person();
        String number = contractNumber(acceptedContract(person.form()));
        ResponseEntity<Map> answer = dpo().postForEntity("/api/personal-data/rectification", Map.of("email", person.email(),
                "name", person.name() + "-Martin", "billingLine1", "9 rue Neuve", "lastName", "Erasme-Martin"), Map.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT name || '|' || billing_line1 FROM client WHERE email = ?").param(person.email())
                .query(String.class).single()).isEqualTo(person.name() + "-Martin|9 rue Neuve");
        assertThat(jdbc.sql("SELECT last_name FROM participant WHERE email = ?").param(person.email()).query(String.class).single())
                .isEqualTo("Erasme-Martin");
        assertThat(lettersOf(number)).isNotEmpty();
        ResponseEntity<String> tooLong = dpo().postForEntity("/api/personal-data/rectification",
                Map.of("email", person.email(), "billingPostalCode", "x".repeat(50)), String.class);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody()).contains("billingPostalCode");
    }

    @Test
    void erasureLeavesNoPersonalValueInTheDomainRuntimeOrHistoryTablesAndKeepsTheInvoice_G1_G2() {
        Person person = person();
        ProcessInstance instance = acceptedContract(person.form());
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_WithdrawalPeriod"); // W1 over: the deposit invoice is issued
        requests.lexomDecision(number, new HashMap<>(Map.of("lexomDecision", "CANCEL", "lexomReason", "TRAINER_ABSENT")));
        executeDueJobs(instance); // nothing was paid: no refund, the contract is over
        assertThat(stageOf(number)).isEqualTo("CANCELLED");
        List<Invoice> before = invoices.ofContract(number);
        assertThat(before).isNotEmpty();
        assertThat(personalValuesFound(person)).isNotEmpty(); // the scan sees them before
        // another client's running contract whose timeline happens to hold the same words: not this person's data
        String other = contractNumber(acceptedContract(person().form()));
        String homonym = "Appel de " + person.name() + " (homonyme, autre client)";
        jdbc.sql("INSERT INTO contract_event (contract_id, kind, detail, actor) SELECT id, 'NOTE', ?, 'sales' FROM contract WHERE number = ?")
                .params(homonym, other).update();

        ResponseEntity<Map> answer = dpo().postForEntity("/api/personal-data/erasure", Map.of("email", person.email()), Map.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contract_event e JOIN contract c ON c.id = e.contract_id WHERE c.number = ? AND e.detail = ?")
                .params(other, homonym).query(Long.class).single()).as("another contract's timeline is left alone").isEqualTo(1);
        jdbc.sql("DELETE FROM contract_event WHERE detail = ?").param(homonym).update(); // for the scan below

        assertThat(personalValuesFound(person)).isEmpty();
        // G2: the invoices are intact, each archived as its Factur-X, which still names the buyer
        assertThat(invoices.ofContract(number)).isEqualTo(before);
        for (Invoice invoice : before) {
            byte[] pdf = jdbc.sql("SELECT content FROM document WHERE dedup_key = ?").param("invoice/" + invoice.number())
                    .query((rs, n) -> rs.getBytes(1)).single();
            assertThat(PdfText.text(pdf)).contains(invoice.number(), person.name());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind IN ('QUOTE', 'CERTIFICATE')")
                .param(number).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT personal_data_erased_at FROM contract WHERE number = ?").param(number)
                .query(java.time.OffsetDateTime.class).single()).isNotNull();
        // the same request again finds nobody
        assertThat(dpo().postForEntity("/api/personal-data/erasure", Map.of("email", person.email()), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void erasureOfAClosedContractAlsoErasesItsAttendanceSheetAndTheSignaturesEvidence_G1_E1() {
        // delivered, so its history holds the attendance sheet: JSON object variables naming the participant
        Person person = person();
        ProcessInstance instance = acceptedContract(person.form());
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_WithdrawalPeriod");
        Invoice deposit = invoices.existing(number, fr.lexom.contracts.billing.InvoiceKind.DEPOSIT).orElseThrow();
        payInTask(instance, "Task_CollectDeposit", deposit.gross().toPlainString().replace('.', ','), "VIR-" + java.util.UUID.randomUUID());
        deliverSigned(instance);
        Invoice balance = invoices.existing(number, fr.lexom.contracts.billing.InvoiceKind.BALANCE).orElseThrow();
        payByBank(balance.number(), balance.gross());
        executeDueJobs(instance);
        fireTimer(instance, "Timer_ColdEvaluation");
        assertThat(stageOf(number)).isEqualTo("CLOSED");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("attendanceSlots").includeDeleted().count()).isPositive();

        ResponseEntity<Map> answer = dpo().postForEntity("/api/personal-data/erasure", Map.of("email", person.email()), Map.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(personalValuesFound(person)).isEmpty();
        // the signed half-days stay as the funder's evidence of attendance; what identified the device goes
        assertThat(jdbc.sql("""
                SELECT s.signed_at, s.link_fingerprint, s.client_address, s.user_agent FROM attendance_signature s
                JOIN participant p ON p.id = s.participant_id JOIN contract c ON c.id = p.contract_id WHERE c.number = ?""")
                .param(number).query().listOfRows()).hasSize(4).allSatisfy(row -> {
                    assertThat(row.get("signed_at")).isNotNull();
                    assertThat(row.get("link_fingerprint")).isEqualTo("effacé (RGPD)");
                    assertThat(row.get("client_address")).isNull();
                    assertThat(row.get("user_agent")).isNull();
                });
    }

    @Test
    void theDpoAnswersARequestFromTasklistAndTheAddressDoesNotStayInTheRequestsHistory_G1() {
        Person person = person();
        String number = contractNumber(acceptedContract(person.form()));
        ProcessInstance request = startDataRequest(Map.of("requestKind", "EXPORT", "subjectEmail", person.email(),
                "requestReceivedOn", today().toString()));
        executeDueJobs(request);
        assertThat(request).isWaitingAt("Task_AnswerDataRequest");
        assertThat(request).task().hasCandidateGroup("dpo");
        Map<String, Object> variables = engine.getRuntimeService().getVariables(request.getId());
        assertThat(variables).doesNotContainKey("subjectEmail");
        assertThat((String) variables.get("dataRequestOutcome")).startsWith("Export prêt : 1 contrat(s)");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(request.getId())
                .variableName("subjectEmail").count()).isZero();
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(request.getId()).list())
                .noneMatch(d -> String.valueOf(d).contains(person.email()));

        ResponseEntity<String> export = dpo().getForEntity((String) variables.get("exportLink"), String.class);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(export.getBody()).contains(number, person.name());
        assertThat(rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity((String) variables.get("exportLink"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        completeTask(request, "Task_AnswerDataRequest", TestUsers.DPO, "dpo",
                Map.of("answerSent", true, "answeredOn", today().toString()));
        assertThat(request).isEnded().hasPassed("Task_ForgetRequestAddress", "Task_PurgeRequestHistory", "EndEvent_DataRequestAnswered");
    }

    @Test
    void aRequestTasklistCannotHandleIsRefusedInTheFormInFrench() {
        Person person = person();
        acceptedContract(person.form());
        assertThatThrownBy(() -> startDataRequest(Map.of("requestKind", "ERASE", "subjectEmail", person.email(),
                "requestReceivedOn", today().toString())))
                .hasMessageContaining("Effacement impossible tant qu'un contrat est en cours");
        assertThatThrownBy(() -> startDataRequest(Map.of("requestKind", "EXPORT", "subjectEmail", "inconnu-" + System.nanoTime() + "@example.org",
                "requestReceivedOn", today().toString())))
                .hasMessageContaining("Aucune donnée");
        assertThat(jdbc.sql("SELECT name FROM client WHERE email = ?").param(person.email()).query(String.class).single())
                .isEqualTo(person.name());
    }

    @Test
    void aRectificationFromTasklistChangesTheParticipantsName() {
        Person person = person();
        acceptedContract(person.form());
        ProcessInstance request = startDataRequest(Map.of("requestKind", "RECTIFY", "subjectEmail", person.email(),
                "requestReceivedOn", today().toString(), "newFirstName", "Zoée"));
        executeDueJobs(request);
        assertThat(request).isWaitingAt("Task_AnswerDataRequest");
        assertThat(jdbc.sql("SELECT first_name FROM participant WHERE email = ?").param(person.email()).query(String.class).single())
                .isEqualTo("Zoée");
    }

    @Test
    void aUserOutsideTheStaffGroupsSeesNoContractNorItsHistory_G1() {
        Person person = person();
        ProcessInstance instance = acceptedContract(person.form());
        String number = contractNumber(instance);
        String outsider = "toutsider";
        if (engine.getIdentityService().createUserQuery().userId(outsider).count() == 0) {
            var user = engine.getIdentityService().newUser(outsider);
            user.setPassword(TestUsers.PASSWORD);
            engine.getIdentityService().saveUser(user);
            // through the door of /engine-rest (the technical group), with no authorization of its own
            engine.getIdentityService().createMembership(outsider, fr.lexom.contracts.identity.Groups.ENGINE_API);
        }
        TestRestTemplate client = rest.withBasicAuth(outsider, TestUsers.PASSWORD);
        assertThat(client.getForEntity("/api/contracts/" + number, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(client.getForEntity("/api/contracts/" + number + "/documents", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // the engine's REST API filters by authorization: the start form's values stay out of reach
        ResponseEntity<List> variables = client.getForEntity(
                "/engine-rest/history/variable-instance?processInstanceId=" + instance.getId(), List.class);
        assertThat(variables.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(variables.getBody()).isEmpty();
        // a technical user that also works as sales reads them
        ResponseEntity<List> asStaff = rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD).getForEntity(
                "/engine-rest/history/variable-instance?processInstanceId=" + instance.getId(), List.class);
        assertThat(asStaff.getBody()).isNotEmpty();
    }

    // --- helpers

    private TestRestTemplate dpo() {
        return rest.withBasicAuth(TestUsers.DPO, TestUsers.PASSWORD);
    }

    private ProcessInstance startDataRequest(Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(TestUsers.DPO, List.of("dpo"));
        try {
            FormService forms = engine.getFormService();
            String id = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("personal-data-request")
                    .latestVersion().singleResult().getId();
            return forms.submitStartForm(id, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /**
     * Every text column of every table (the app's and the engine's, runtime and history), and every byte array
     * read as UTF-8, searched for the person's name, e-mail address and street. Returns where they were found.
     */
    private List<String> personalValuesFound(Person person) {
        List<String> values = List.of(person.name(), person.email(), person.street());
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE LOWER(table_schema) = 'public'
                  AND (UPPER(data_type) LIKE '%CHAR%' OR UPPER(data_type) IN ('TEXT', 'CLOB', 'CHARACTER LARGE OBJECT'))""")
                .query().listOfRows();
        assertThat(columns).hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = String.valueOf(column.values().toArray()[0]);
            String name = String.valueOf(column.values().toArray()[1]);
            for (String value : values) {
                long hits = jdbc.sql("SELECT COUNT(*) FROM \"%s\" WHERE LOWER(CAST(\"%s\" AS VARCHAR(100000))) LIKE ?"
                                .formatted(table, name))
                        .param("%" + value.toLowerCase(Locale.ROOT) + "%").query(Long.class).single();
                if (hits > 0) {
                    found.add(table + "." + name + " holds " + value);
                }
            }
        }
        for (Map<String, Object> row : jdbc.sql("SELECT id_, name_, bytes_ FROM act_ge_bytearray").query().listOfRows()) {
            Object bytes = row.values().toArray()[2];
            if (bytes instanceof byte[] b) {
                String text = new String(b, StandardCharsets.UTF_8);
                for (String value : values) {
                    if (text.contains(value)) {
                        found.add("act_ge_bytearray " + row.values().toArray()[1] + " holds " + value);
                    }
                }
            }
        }
        return found;
    }
}
