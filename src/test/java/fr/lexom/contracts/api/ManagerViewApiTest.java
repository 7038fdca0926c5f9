package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** The managers' Cockpit view: contracts by stage, receivables, a finished contract's story; managers only. */
@IntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class ManagerViewApiTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceService invoices;

    @Test
    void stageCountsAndAmountsAreTheDatabasesAndAClosedContractTellsItsWholeStory() {
        ProcessInstance contract = deliveredContract();
        String number = contractNumber(contract);
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        payByBank(balance.number(), balance.gross());
        assertThat(stageOf(number)).isEqualTo("CLOSED");
        ProcessInstance expired = startQuote(QuoteForms.individual(today().plusMonths(2)));
        executeDueJobs(expired);
        String expiredNumber = contractNumber(expired);
        fireTimer(expired, "Timer_QuoteValidity");
        assertThat(stageOf(expiredNumber)).isEqualTo("EXPIRED");

        Map<String, Object> answer = manager("/api/manager/stages");
        List<Map<String, Object>> stages = (List<Map<String, Object>>) answer.get("stages");
        assertThat(stages).extracting(s -> s.get("stage")).containsExactly("QUOTE_SENT", "ACCEPTED", "WITHDRAWAL_PERIOD",
                "AWAITING_DEPOSIT", "FUNDING", "SCHEDULED", "IN_DELIVERY", "DELIVERED", "INVOICED", "IN_COLLECTION", "CLOSED",
                "EXPIRED", "WITHDRAWN", "CANCELLED", "RESOLVED");
        for (Map<String, Object> stage : stages) {
            long count = jdbc.sql("SELECT COUNT(*) FROM contract WHERE stage = ?").param(stage.get("stage")).query(Long.class).single();
            BigDecimal gross = jdbc.sql("SELECT COALESCE(SUM(price_gross), 0) FROM contract WHERE stage = ?")
                    .param(stage.get("stage")).query(BigDecimal.class).single();
            assertThat(((Number) stage.get("count")).longValue()).as("count of %s", stage.get("stage")).isEqualTo(count);
            assertThat(new BigDecimal(stage.get("amountGross").toString())).as("amount of %s", stage.get("stage"))
                    .isEqualByComparingTo(gross);
        }
        assertThat(stages.stream().filter(s -> s.get("stage").equals("CLOSED")).findFirst().orElseThrow().get("label"))
                .isEqualTo("Clos");
        assertThat(((Number) answer.get("count")).longValue())
                .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM contract").query(Long.class).single());

        List<Map<String, Object>> found = managerList("/api/manager/contracts?q=" + number);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.get("stage")).isEqualTo("CLOSED");
            assertThat(c.get("client")).isEqualTo("Transports Vivarais SAS");
        });
        assertThat(managerList("/api/manager/contracts?stage=EXPIRED")).extracting(c -> c.get("number"))
                .contains(expiredNumber).doesNotContain(number);
        assertThat(managerList("/api/manager/contracts?q=vivarais&stage=CLOSED")).extracting(c -> c.get("number")).contains(number);

        Map<String, Object> story = manager("/api/manager/contracts/" + number + "/story");
        assertThat(story.get("stage")).isEqualTo("CLOSED");
        assertThat(story.get("finished")).isEqualTo(true);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) story.get("steps");
        assertThat(steps).anySatisfy(s -> {
            assertThat(s.get("type")).isEqualTo("userTask");
            assertThat(s.get("who")).isEqualTo(TestUsers.SALES);
            assertThat(s.get("endedAt")).isNotNull();
        });
        assertThat(steps).anySatisfy(s -> {
            assertThat(s.get("type")).isEqualTo("userTask");
            assertThat(s.get("who")).isEqualTo(TestUsers.ACCOUNTING);
        });
        assertThat(steps).anySatisfy(s -> assertThat(s.get("type")).isEqualTo("STAGE_CLOSED"));
        assertThat((List<Map<String, Object>>) story.get("processes"))
                .anySatisfy(p -> {
                    assertThat(p.get("businessKey")).isEqualTo(balance.number());
                    assertThat(p.get("state")).isEqualTo("COMPLETED");
                })
                .anySatisfy(p -> assertThat(p.get("businessKey")).isEqualTo(number));
        assertThat((List<Map<String, Object>>) story.get("mails")).extracting(m -> m.get("letter"))
                .containsAll(lettersOf(number));
        assertThat((List<Map<String, Object>>) story.get("invoices"))
                .anySatisfy(i -> {
                    assertThat(i.get("number")).isEqualTo(balance.number());
                    assertThat(i.get("status")).isEqualTo("PAID");
                });
        assertThat((List<Map<String, Object>>) story.get("payments")).hasSize(2)
                .anySatisfy(p -> assertThat(p.get("invoiceNumber")).isEqualTo(balance.number()));
    }

    @Test
    void receivablesByDunningStageWithInterestAndTheFormalNoticeDeadline() {
        ProcessInstance contract = deliveredContract();
        String number = contractNumber(contract);
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance collection = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("invoice-collection").processInstanceBusinessKey(balance.number()).singleResult();
        executeDueJobs(collection);
        fireTimer(collection, "Timer_FirstReminder");
        fireTimer(collection, "Timer_SecondReminder");
        fireTimer(collection, "Timer_FormalNoticeDue");
        completeTask(collection, "Task_PrepareFormalNotice", TestUsers.ACCOUNTING, "accounting", Map.of("claimChecked", true));
        executeDueJobs(collection);

        Map<String, Object> owed = manager("/api/manager/receivables");
        List<Map<String, Object>> lines = (List<Map<String, Object>>) owed.get("invoices");
        Map<String, Object> line = lines.stream().filter(l -> balance.number().equals(l.get("invoiceNumber"))).findFirst().orElseThrow();
        assertThat(line.get("dunningStage")).isEqualTo("FORMAL_NOTICE");
        assertThat(((Number) line.get("interest")).doubleValue()).isPositive();
        // each dunning stage sums its own lines; the totals sum the stages
        List<Map<String, Object>> stages = (List<Map<String, Object>>) owed.get("stages");
        BigDecimal outstanding = BigDecimal.ZERO;
        long count = 0;
        for (Map<String, Object> stage : stages) {
            List<Map<String, Object>> of = lines.stream().filter(l -> l.get("dunningStage").equals(stage.get("stage"))).toList();
            assertThat(((Number) stage.get("count")).longValue()).isEqualTo(of.size());
            assertThat(new BigDecimal(stage.get("interest").toString())).isEqualByComparingTo(of.stream()
                    .map(l -> new BigDecimal(l.get("interest").toString())).reduce(BigDecimal.ZERO, BigDecimal::add));
            outstanding = outstanding.add(new BigDecimal(stage.get("outstanding").toString()));
            count += of.size();
        }
        assertThat(count).isEqualTo(lines.size());
        assertThat(new BigDecimal(owed.get("outstanding").toString())).isEqualByComparingTo(outstanding);
        long overdue = jdbc.sql("""
                SELECT COUNT(*) FROM invoice i LEFT JOIN collection_case k ON k.invoice_id = i.id
                WHERE i.funder_id IS NULL AND i.kind <> 'CREDIT_NOTE' AND i.status IN ('ISSUED', 'PARTIALLY_PAID')
                  AND i.due_on < ? AND k.outcome IS NULL""").param(today()).query(Long.class).single();
        assertThat(((Number) owed.get("count")).longValue()).as("overdue open client invoices").isEqualTo(overdue);
        List<Map<String, Object>> notices = (List<Map<String, Object>>) owed.get("formalNotices");
        Map<String, Object> notice = notices.stream().filter(n -> balance.number().equals(n.get("invoiceNumber"))).findFirst().orElseThrow();
        String deadline = jdbc.sql("SELECT formal_notice_deadline FROM collection_case WHERE invoice_id = ?").param(balance.id())
                .query(java.time.LocalDate.class).single().toString();
        assertThat(notice.get("deadline")).isEqualTo(deadline);
        assertThat(((Number) notice.get("daysLeft")).longValue())
                .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(today(), java.time.LocalDate.parse(deadline)));

        // the running contract's story shows its collection with the formal notice
        Map<String, Object> story = manager("/api/manager/contracts/" + number + "/story");
        assertThat(story.get("finished")).isEqualTo(false);
        assertThat((List<Map<String, Object>>) story.get("processes"))
                .anySatisfy(p -> assertThat(p.get("state")).isEqualTo("ACTIVE"));
    }

    @Test
    void onlyManagersAndAdministratorsSeeIt() {
        for (String path : List.of("/api/manager/stages", "/api/manager/receivables", "/api/manager/contracts?q=C",
                "/api/manager/contracts/UNKNOWN/story")) {
            for (String user : List.of(TestUsers.SALES, TestUsers.ACCOUNTING, TestUsers.COORDINATION, TestUsers.DPO)) {
                assertThat(rest.withBasicAuth(user, TestUsers.PASSWORD).getForEntity(path, String.class).getStatusCode())
                        .as("%s on %s", user, path).isEqualTo(HttpStatus.FORBIDDEN);
            }
            assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(rest.withBasicAuth("admin", "test-admin-secret").getForEntity("/api/manager/stages", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity("/api/manager/contracts/UNKNOWN/story",
                Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity("/api/manager/contracts?stage=NOPE",
                Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private Map<String, Object> manager(String path) {
        var response = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity(path, Map.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private List<Map<String, Object>> managerList(String path) {
        var response = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity(path, List.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

}
