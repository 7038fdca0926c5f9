package fr.lexom.contracts.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.Owed;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.TestUsers;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 22, item 3: the demo of the embedded default, made here in the shared test context (where it is off, see
 * application-test.yaml) by calling the seeder, twice: every stage the issue lists, with its open task, its timers
 * where production would have left them, its mails delivered and dated on their days; the second call adds nothing;
 * the engine clock is the system's afterwards. The browser journeys get the same demo through {@link DemoSupport}.
 */
@IntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class DemoContractsTest extends ProcessTestSupport {

    @Autowired
    ApplicationContext context;
    @Autowired
    InvoiceService invoices;
    @Autowired
    TestRestTemplate rest;

    @Test
    void theDemoMakesEveryStageThroughTheProcessesOnceAndLeavesTheClockAlone() {
        DemoContracts demo = context.getAutowireCapableBeanFactory().createBean(DemoContracts.class);
        DemoContracts.Outcome first = demo.seed();
        assertThat(first.failures()).as("demo steps that failed").isEmpty();
        assertThat(Math.abs(ClockUtil.now().getTime() - System.currentTimeMillis())).as("engine clock moved").isLessThan(2_000);
        Map<DemoCase, String> cases = demo.cases();
        assertThat(cases).as("every case made").containsOnlyKeys(DemoCase.values());
        if (first.created()) {
            assertThat(first.contracts()).isEqualTo(cases);
            System.out.printf("DemoContractsTest: demo made in %d s: %s%n", first.took().toSeconds(), cases);
        }

        long contracts = count("contract");
        long instances = engine.getRuntimeService().createProcessInstanceQuery().count();
        long mails = count("outbox_mail");
        DemoContracts.Outcome second = demo.seed();
        assertThat(second.created()).as("a second start adds nothing").isFalse();
        assertThat(count("contract")).isEqualTo(contracts);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(count("outbox_mail")).isEqualTo(mails);
        assertThat(engine.getManagementService().getProperties().get(DemoContracts.MARKER)).startsWith("done ");

        for (DemoCase c : DemoCase.values()) {
            if (c.contract()) {
                assertThat(stageOf(cases.get(c))).as("stage of %s (%s)", c, cases.get(c)).isEqualTo(c.stage());
            }
            if (c.open() != null) {
                assertThat(tasks(c, cases.get(c))).as("open tasks of %s", c).extracting(Task::getTaskDefinitionKey).contains(c.open());
            }
            if (c.contract() && Set.of("CLOSED", "EXPIRED", "WITHDRAWN", "RESOLVED", "CANCELLED").contains(c.stage())) {
                assertThat(tasks(c, cases.get(c))).as("an ended contract has no task: %s", c).isEmpty();
            }
        }
        assertThat(cases.entrySet().stream().filter(e -> e.getKey().contract()).map(e -> edition(e.getValue())).distinct())
                .as("both CGV editions").containsExactlyInAnyOrder("CGV_2025", "CGV_LEGACY");
        checkEachCase(cases);
        checkMails(cases);
        checkNoJobLeftBehind(cases);
        checkNumbering();
        checkBpf(cases);
    }

    /**
     * Issue 24: the BPF of the demo year has every demo contract where its facts put it: its training invoices of the
     * year in frame C for their net, its fees beside it, its participants who attended in frame F-1.
     */
    private void checkBpf(Map<DemoCase, String> cases) {
        int year = today().getYear();
        var report = context.getBean(fr.lexom.contracts.reporting.Bpf.class).of(year);
        Map<String, java.math.BigDecimal> inC = new java.util.HashMap<>();
        report.revenue().forEach(l -> l.contributions().forEach(c -> inC.merge(c.contracts().get(0), c.amount(), java.math.BigDecimal::add)));
        Map<String, java.math.BigDecimal> outside = new java.util.HashMap<>();
        report.outside().forEach(l -> l.contributions().forEach(c -> outside.merge(c.contracts().get(0), c.amount(), java.math.BigDecimal::add)));
        Set<String> trained = new java.util.HashSet<>();
        report.trainees().stream().filter(l -> !l.code().equals("F-1e-agents"))
                .forEach(l -> l.contributions().forEach(c -> trained.addAll(c.contracts())));
        int withRevenue = 0;
        for (DemoCase c : DemoCase.values()) {
            if (!c.contract()) {
                continue;
            }
            String number = cases.get(c);
            java.math.BigDecimal training = jdbc.sql("""
                    SELECT COALESCE(SUM(i.net), 0) FROM invoice i JOIN contract k ON k.id = i.contract_id
                      LEFT JOIN invoice ci ON ci.id = i.credited_invoice_id
                     WHERE k.number = ? AND EXTRACT(YEAR FROM i.issued_on) = ? AND i.kind <> 'FEE'
                       AND (ci.kind IS NULL OR ci.kind <> 'FEE')""").params(number, year).query(java.math.BigDecimal.class).single();
            long invoicesOfTheYear = jdbc.sql("SELECT COUNT(*) FROM invoice i JOIN contract k ON k.id = i.contract_id "
                    + "WHERE k.number = ? AND EXTRACT(YEAR FROM i.issued_on) = ? AND i.kind <> 'FEE'").params(number, year)
                    .query(Long.class).single();
            if (invoicesOfTheYear > 0) {
                withRevenue++;
                assertThat(inC.get(number)).as("frame C of %s (%s)", c, number).isEqualByComparingTo(training);
            } else {
                assertThat(inC).as("no training invoice of %s this year", c).doesNotContainKey(number);
            }
            long fees = jdbc.sql("SELECT COUNT(*) FROM invoice i JOIN contract k ON k.id = i.contract_id "
                    + "WHERE k.number = ? AND EXTRACT(YEAR FROM i.issued_on) = ? AND i.kind = 'FEE'").params(number, year)
                    .query(Long.class).single();
            assertThat(outside.containsKey(number)).as("fees of %s beside frame C", c).isEqualTo(fees > 0);
            long attended = jdbc.sql("SELECT COUNT(*) FROM attendance a JOIN participant p ON p.id = a.participant_id "
                    + "JOIN contract k ON k.id = p.contract_id WHERE k.number = ? AND a.present = TRUE "
                    + "AND EXTRACT(YEAR FROM a.session_day) = ?").params(number, year).query(Long.class).single();
            assertThat(trained.contains(number)).as("trainees of %s in frame F-1", c).isEqualTo(attended > 0);
        }
        assertThat(withRevenue).as("demo contracts with training revenue this year").isGreaterThanOrEqualTo(5);
        assertThat(report.traineeTotals().people()).isPositive();
    }

    /** What each case leaves open, and when its timers fall due (production's dates, not the seeding's). */
    private void checkEachCase(Map<DemoCase, String> cases) {
        OffsetDateTime now = OffsetDateTime.now();
        // Q1: a quote sent 3 days ago: its reminder and expiry still ahead; one sent 26 days ago: reminded, expires soon
        String waiting = cases.get(DemoCase.QUOTE_WAITING);
        assertThat(due(waiting, "Timer_QuoteExpiryReminder")).isBetween(now.plusDays(19), now.plusDays(21));
        assertThat(due(waiting, "Timer_QuoteValidity")).isBetween(now.plusDays(26), now.plusDays(28));
        String expiring = cases.get(DemoCase.QUOTE_EXPIRING);
        assertThat(timers(expiring)).doesNotContainKey("Timer_QuoteExpiryReminder");
        assertThat(due(expiring, "Timer_QuoteValidity")).isBetween(now.plusDays(3), now.plusDays(5));
        assertThat(lettersOf(expiring)).hasSize(2); // the quote, its reminder
        assertThat(task(DemoCase.QUOTE_EXPIRING, expiring, "Task_RecordSignature").getAssignee()).isEqualTo("sophie");
        // W1: 14 days from the signature 5 days ago, nothing invoiced meanwhile (W2)
        String withdrawal = cases.get(DemoCase.WITHDRAWAL_PERIOD);
        assertThat(due(withdrawal, "Timer_WithdrawalPeriod")).isBetween(now.plusDays(8), now.plusDays(10));
        assertThat(invoices.ofContract(withdrawal)).isEmpty();
        // D2-LEGACY: the deposit unpaid, reminded, the managers' decision open since the deadline (Marie took it)
        String deposit = cases.get(DemoCase.DEPOSIT_DECISION);
        assertThat(task(DemoCase.DEPOSIT_DECISION, deposit, "Task_DecideUnpaidDeposit").getAssignee()).isEqualTo("marie");
        assertThat(invoices.ofContract(deposit)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(InvoiceKind.DEPOSIT);
            assertThat(Owed.overdue(i, today())).isTrue();
        });
        assertThat(lettersOf(deposit)).as("letters of %s", deposit).filteredOn(l -> l.toLowerCase().contains("reminder")).isNotEmpty();
        // P2-2025: the whole price invoiced before the start
        assertThat(invoices.ofContract(cases.get(DemoCase.PREPAYMENT_DUE))).singleElement()
                .satisfies(i -> assertThat(i.gross()).isEqualByComparingTo("2880.00"));
        // O1, O2: the deposit paid, the funder's answer awaited until the start
        String funded = cases.get(DemoCase.FUNDER_TO_ANSWER);
        assertThat(invoices.ofContract(funded)).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("PAID"));
        assertThat(timers(funded)).containsKey("Timer_FundingDeadline");
        // E1: scheduled, the convocations leave 7 days before the start
        String scheduled = cases.get(DemoCase.SCHEDULED);
        LocalDate scheduledStart = jdbc.sql("SELECT starts_on FROM contract WHERE number = ?").param(scheduled)
                .query(LocalDate.class).single();
        assertThat(due(scheduled, "Timer_ConvocationDue").atZoneSameInstant(PARIS).toLocalDate()).isEqualTo(scheduledStart.minusDays(7));
        // E1 (issue 23): a session runs today; its trainer got her link, Yanis Haddad has not signed today (his link does)
        String delivery = cases.get(DemoCase.IN_DELIVERY);
        LocalDate starts = jdbc.sql("SELECT starts_on FROM contract WHERE number = ?").param(delivery).query(LocalDate.class).single();
        assertThat(starts).isBetween(today().minusDays(1), today());
        assertThat(timers(delivery)).containsKey("Timer_SigningClosed");
        assertThat(jdbc.sql("SELECT recipients FROM outbox_mail WHERE contract_number = ? AND letter = 'trainer-link'")
                .param(delivery).query(String.class).single()).contains("claire.vidal@lexom.example");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM attendance_signature s JOIN participant p ON p.id = s.participant_id
                JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND p.last_name = 'Haddad' AND s.session_day = ?""")
                .params(delivery, today()).query(Long.class).single()).isZero();
        // E1: yesterday's session, signed online but Bruno Lefèvre's last afternoon: Camille's task pre-filled from them
        String recorded = cases.get(DemoCase.ATTENDANCE_TO_RECORD);
        Task attendance = task(DemoCase.ATTENDANCE_TO_RECORD, recorded, "Task_RecordAttendance");
        assertThat(attendance.getAssignee()).isEqualTo("camille");
        assertThat((List<?>) engine.getTaskService().getVariable(attendance.getId(), "presentSlots")).hasSize(7);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attendance_countersignature s JOIN contract c ON c.id = s.contract_id "
                + "WHERE c.number = ?").param(recorded).query(Long.class).single()).isEqualTo(4L);
        assertThat(lettersOf(recorded)).contains("hot-evaluation", "trainer-link");
        // R1: the formal notice left 5 days ago; its eight days end in 3 (Paul follows it)
        String notice = cases.get(DemoCase.FORMAL_NOTICE);
        Task follow = task(DemoCase.FORMAL_NOTICE, notice, "Task_FollowFormalNotice");
        assertThat(follow.getAssignee()).isEqualTo("paul");
        Job expiry = engine.getManagementService().createJobQuery().processInstanceId(follow.getProcessInstanceId())
                .activityId("Timer_FormalNoticeExpired").singleResult();
        assertThat(expiry.getDuedate().toInstant()).isBetween(now.plusDays(1).toInstant(), now.plusDays(6).toInstant());
        Map<String, Object> receivables = get("/api/manager/receivables");
        assertThat((List<Map<String, Object>>) receivables.get("formalNotices")).extracting(n -> n.get("contractNumber"))
                .contains(notice);
        // C1-2025: 30 % of 2 400,00 € TTC, the unpaid deposit cancelled by a credit note
        String cancelled = cases.get(DemoCase.CANCELLED_WITH_FEE);
        List<Invoice> fee = invoices.ofContract(cancelled);
        assertThat(fee).filteredOn(i -> i.kind() == InvoiceKind.FEE).singleElement()
                .satisfies(i -> assertThat(i.gross()).isEqualByComparingTo("720.00"));
        assertThat(Owed.outstanding(fee)).isEqualByComparingTo("720.00");
        // closed: everything paid; resolved: the resolution letter left; withdrawn: nothing owed (W3)
        assertThat(Owed.outstanding(invoices.ofContract(cases.get(DemoCase.CLOSED)))).isZero();
        assertThat(invoices.ofContract(cases.get(DemoCase.WITHDRAWN))).isEmpty();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(cases.get(DemoCase.EXPIRED))
                .count()).isZero();
        // G1: the request for his data of the client who withdrew, with Dominique
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(cases.get(DemoCase.DATA_REQUEST))
                .taskDefinitionKey("Task_AnswerDataRequest").singleResult().getAssignee()).isEqualTo("dominique");

        // the managers' view: every stage of the demo counted
        List<Map<String, Object>> stages = (List<Map<String, Object>>) get("/api/manager/stages").get("stages");
        for (DemoCase c : DemoCase.values()) {
            if (c.contract()) {
                assertThat(stages).filteredOn(s -> c.stage().equals(s.get("stage"))).singleElement()
                        .satisfies(s -> assertThat(((Number) s.get("count")).intValue()).isPositive());
            }
        }
        // every Tasklist filter shows something to each demo user who reads it
        Map<String, List<String>> groups = Map.of("sophie", List.of("sales"), "camille", List.of("coordination"),
                "paul", List.of("accounting"), "marie", List.of("managers"), "dominique", List.of("dpo"));
        for (Map.Entry<String, List<String>> user : groups.entrySet()) {
            engine.getIdentityService().setAuthentication(user.getKey(), user.getValue());
            try {
                List<Filter> filters = engine.getFilterService().createTaskFilterQuery().list();
                assertThat(filters).as("filters of %s", user.getKey()).isNotEmpty();
                for (Filter filter : filters) {
                    assertThat(engine.getFilterService().count(filter.getId())).as("« %s » for %s", filter.getName(), user.getKey())
                            .isPositive();
                }
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
        }
    }

    /** Every letter delivered to the drop folder, dated the day it left: the quote of the expired one 45 days ago. */
    private void checkMails(Map<DemoCase, String> cases) {
        for (DemoCase c : DemoCase.values()) {
            if (c.contract()) {
                List<String> statuses = jdbc.sql("SELECT status FROM outbox_mail WHERE contract_number = ?").param(cases.get(c))
                        .query(String.class).list();
                assertThat(statuses).as("mails of %s", c).isNotEmpty().containsOnly("KEPT");
            }
        }
        OffsetDateTime firstSent = jdbc.sql("SELECT MIN(sent_at) FROM outbox_mail WHERE contract_number = ?")
                .param(cases.get(DemoCase.EXPIRED)).query(OffsetDateTime.class).single();
        assertThat(firstSent.atZoneSameInstant(PARIS).toLocalDate()).isEqualTo(today().minusDays(45));
    }

    /** The seeding did all that was due: nothing of the demo is left for the job executor to catch up. */
    private void checkNoJobLeftBehind(Map<DemoCase, String> cases) {
        List<String> late = new ArrayList<>();
        for (String key : keys(cases)) {
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().forEach(p ->
                    engine.getManagementService().createJobQuery().processInstanceId(p.getId())
                            .duedateLowerThan(new java.util.Date(System.currentTimeMillis() - 60_000)).list()
                            .forEach(j -> late.add(key + " " + j.getId() + " due " + j.getDuedate())));
        }
        assertThat(late).as("demo jobs already due").isEmpty();
    }

    /** Quotes and invoices numbered without gaps per year over the whole database, as LifecycleInvariantsTest checks. */
    private void checkNumbering() {
        Map<String, List<Integer>> series = new HashMap<>();
        jdbc.sql("SELECT number FROM contract").query(String.class).list().forEach(n -> add(series, n));
        jdbc.sql("SELECT number FROM invoice").query(String.class).list().forEach(n -> add(series, n.startsWith("AV") ? "FA" + n.substring(2) : n));
        series.forEach((year, seqs) -> {
            seqs.sort(null);
            assertThat(seqs).as("numbers of %s", year).doesNotHaveDuplicates().hasSize(seqs.get(seqs.size() - 1));
        });
    }

    private static void add(Map<String, List<Integer>> series, String number) {
        String[] parts = number.split("-");
        series.computeIfAbsent(parts[0] + "-" + parts[1], k -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
    }

    private List<String> keys(Map<DemoCase, String> cases) {
        List<String> keys = new ArrayList<>();
        cases.forEach((c, v) -> {
            if (c.contract()) {
                keys.add(v);
                invoices.ofContract(v).forEach(i -> keys.add(i.number()));
            }
        });
        return keys;
    }

    private List<Task> tasks(DemoCase c, String value) {
        if (!c.contract()) {
            return engine.getTaskService().createTaskQuery().processInstanceId(value).list();
        }
        List<String> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of(value));
        invoices.ofContract(value).forEach(i -> keys.add(i.number()));
        keys.forEach(k -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(k).list()
                .forEach(p -> ids.add(p.getId())));
        return ids.isEmpty() ? List.of() : engine.getTaskService().createTaskQuery().processInstanceIdIn(ids.toArray(String[]::new)).list();
    }

    private Task task(DemoCase c, String value, String key) {
        return tasks(c, value).stream().filter(t -> key.equals(t.getTaskDefinitionKey())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " on " + value));
    }

    /** The contract's waiting timers by activity. */
    private Map<String, Job> timers(String number) {
        Map<String, Job> timers = new HashMap<>();
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).list().forEach(p ->
                engine.getManagementService().createJobQuery().processInstanceId(p.getId()).timers().list().forEach(j -> {
                    String activity = engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId())
                            .singleResult().getActivityId();
                    timers.put(activity, j);
                }));
        return timers;
    }

    private OffsetDateTime due(String number, String activity) {
        Job timer = timers(number).get(activity);
        assertThat(timer).as("%s waiting at %s", number, activity).isNotNull();
        return timer.getDuedate().toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    private String edition(String number) {
        return jdbc.sql("SELECT cgv_edition FROM contract WHERE number = ?").param(number).query(String.class).single();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private Map<String, Object> get(String path) {
        ResponseEntity<Map> answer = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity(path, Map.class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }
}
