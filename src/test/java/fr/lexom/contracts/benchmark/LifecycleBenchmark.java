package fr.lexom.contracts.benchmark;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.documents.PdfTiming;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestDatabase;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9, part 1: complete contracts through the real models, delegates, domain tables, outbox and documents, on
 * PostgreSQL with history full, against a skeleton process with the same wait states and no-op steps, in the same
 * run. Timers are fast-forwarded by executing their jobs; mail stays in the outbox (no SMTP: what is measured is
 * the engine and the app). Run with {@code ./mvnw -Pbenchmark test} (see docs/performance.md); never part of
 * {@code ./mvnw verify}.
 */
@Tag("benchmark")
@ExtendWith(TestDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestUsers.class, StatementCounter.class})
class LifecycleBenchmark {

    static final int THREADS = Integer.getInteger("benchmark.threads", 2);
    static final int CONTRACTS = Integer.getInteger("benchmark.contracts", 60);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final int PDFS = Integer.getInteger("benchmark.pdfs", 40);
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestUsers users;
    @Autowired
    InvoiceService invoices;
    @Autowired
    PaymentService payments;
    @Autowired
    ContractService contracts;
    @Autowired
    Documents documents;
    @Autowired
    TransactionTemplate transaction;

    final ConcurrentLinkedQueue<Long> taskMillis = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> correlationMillis = new ConcurrentLinkedQueue<>();
    int asyncJobsPerLifecycle;

    @Test
    void lifecycles() throws Exception {
        if (!TestDatabase.isPostgres()) {
            throw new IllegalStateException("The benchmark runs on PostgreSQL: ./mvnw -Pbenchmark test");
        }
        users.ensureAll();
        ClockUtil.reset();
        // one real lifecycle tells how many asynchronous steps the skeleton must have
        CountingJobs counter = new CountingJobs();
        realLifecycle(counter);
        asyncJobsPerLifecycle = counter.count;
        deploySkeleton(asyncJobsPerLifecycle);
        run("warm-up real", CONTRACTS / 2, this::realLifecycleQuietly);
        run("warm-up skeleton", CONTRACTS / 2, this::skeletonLifecycle);

        List<String> lines = new ArrayList<>();
        lines.add("| round | real lifecycles/s | skeleton lifecycles/s | ratio | SQL statements per lifecycle (real / skeleton) |");
        lines.add("|---|---|---|---|---|");
        List<Double> real = new ArrayList<>();
        List<Double> skeleton = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        taskMillis.clear();
        correlationMillis.clear();
        for (int round = 1; round <= ROUNDS; round++) {
            long before = StatementCounter.STATEMENTS.get();
            double r = run("real", CONTRACTS, this::realLifecycleQuietly);
            long realStatements = (StatementCounter.STATEMENTS.get() - before) / CONTRACTS;
            before = StatementCounter.STATEMENTS.get();
            double s = run("skeleton", CONTRACTS, this::skeletonLifecycle);
            long skeletonStatements = (StatementCounter.STATEMENTS.get() - before) / CONTRACTS;
            real.add(r);
            skeleton.add(s);
            ratios.add(r / s);
            lines.add("| %d | %.1f | %.1f | %.2f | %d / %d |".formatted(round, r, s, r / s, realStatements, skeletonStatements));
        }
        List<Long> pdfMillis = pdfTimes();
        List<String> report = new ArrayList<>();
        report.add("# Lifecycle benchmark, " + java.time.OffsetDateTime.now(PARIS).withNano(0));
        report.add("");
        report.add("%d contracts per round and type, %d client threads, %d rounds; %d asynchronous steps per lifecycle."
                .formatted(CONTRACTS, THREADS, ROUNDS, asyncJobsPerLifecycle));
        report.add("");
        report.addAll(lines);
        report.add("");
        report.add("| goal | figure (min / median / max over rounds, or p50 / p95) | result |");
        report.add("|---|---|---|");
        report.add(goal("real lifecycle >= 0.75 x skeleton", "%.2f / %.2f / %.2f".formatted(min(ratios), median(ratios), max(ratios)),
                median(ratios) >= 0.75));
        report.add(goal("real lifecycle >= 25 lifecycles/s", "%.1f / %.1f / %.1f".formatted(min(real), median(real), max(real)),
                median(real) >= 25));
        List<Long> tasks = sorted(taskMillis);
        report.add(goal("p95 user-task completion <= 150 ms", "p50 %d ms, p95 %d ms".formatted(pct(tasks, 50), pct(tasks, 95)),
                pct(tasks, 95) <= 150));
        List<Long> correlations = sorted(correlationMillis);
        report.add("| correlating a payment (no goal) | p50 %d ms, p95 %d ms | - |".formatted(pct(correlations, 50), pct(correlations, 95)));
        report.add(goal("PDF <= 50 ms median", "median %d ms, p95 %d ms over %d quotes and %d Factur-X invoices"
                .formatted(pct(pdfMillis, 50), pct(pdfMillis, 95), PDFS, PDFS), pct(pdfMillis, 50) <= 50));
        report.add("");
        report.add("Not measured yet (issue 9, later parts): the run without documents, years of history, two nodes; the timer burst is TimerBurstBenchmark.");
        String text = String.join("\n", report) + "\n";
        Path out = Path.of("target", "benchmark", "lifecycle.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("\n" + text);
        // a measurement, not a verification: the goals are reported PASS or FAIL, not asserted; what is checked is
        // that every lifecycle ended CLOSED (see realLifecycle) and that the figures were really measured
        org.assertj.core.api.Assertions.assertThat(StatementCounter.STATEMENTS.get()).as("statements counted").isPositive();
        org.assertj.core.api.Assertions.assertThat(tasks).as("user tasks timed").hasSizeGreaterThanOrEqualTo(3 * ROUNDS * CONTRACTS);
        org.assertj.core.api.Assertions.assertThat(pdfMillis).as("PDFs timed").hasSize(2 * PDFS);
    }

    // --- the real lifecycle: a company's contract, deposit paid, delivered, final invoice paid, closed

    void realLifecycleQuietly() {
        realLifecycle(new CountingJobs());
    }

    void realLifecycle(CountingJobs jobs) {
        ProcessInstance contract = asUser(TestUsers.SALES, "sales", () -> engine.getFormService().submitStartForm(
                definition("training-contract"), QuoteForms.company(today().plusMonths(2))));
        jobs.run(contract.getId());
        String number = (String) engine.getRuntimeService().getVariable(contract.getId(), "contractNumber");
        complete(contract, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        jobs.run(contract.getId());
        complete(contract, "Task_CollectDeposit", TestUsers.ACCOUNTING, "accounting",
                Map.of("paymentAmount", "864,00", "paymentDate", today().toString(), "paymentReference", "VIR-" + UUID.randomUUID()));
        jobs.run(contract.getId());
        fire(contract, "Timer_ConvocationDue", jobs);
        fire(contract, "Timer_TrainingStarts", jobs);
        complete(contract, "Task_RecordAttendance", TestUsers.COORDINATION, "coordination", Map.of());
        jobs.run(contract.getId());
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance collection = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("invoice-collection").processInstanceBusinessKey(balance.number()).singleResult();
        jobs.run(collection.getId());
        long start = System.nanoTime();
        transaction.executeWithoutResult(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), balance.number(),
                null, balance.gross(), today(), "client", "BANK_FEED", "bank"), true));
        correlationMillis.add((System.nanoTime() - start) / 1_000_000);
        jobs.run(collection.getId());
        jobs.run(contract.getId());
        fire(contract, "Timer_ColdEvaluation", jobs);
        String stage = contracts.find(number).stage().name();
        if (!"CLOSED".equals(stage) || engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(contract.getId()).count() > 0) {
            throw new IllegalStateException("Lifecycle of " + number + " did not end CLOSED: " + stage);
        }
    }

    // --- the skeleton: same wait states, no-op steps

    void deploySkeleton(int asyncSteps) {
        int per = Math.max(1, asyncSteps / 6);
        AbstractFlowNodeBuilder<?, ?> b = Bpmn.createExecutableProcess("benchmark-skeleton").camundaHistoryTimeToLive(1)
                .startEvent();
        b = asyncs(b, "a", per);
        b = b.userTask("Task_A").camundaCandidateGroups("sales");
        b = asyncs(b, "b", per);
        b = b.userTask("Task_B").camundaCandidateGroups("accounting");
        b = asyncs(b, "c", per);
        b = b.intermediateCatchEvent("Timer_1").timerWithDuration("P30D");
        b = asyncs(b, "d", per);
        b = b.intermediateCatchEvent("Timer_2").timerWithDuration("P30D");
        b = b.userTask("Task_C").camundaCandidateGroups("coordination");
        b = asyncs(b, "e", per);
        b = b.intermediateCatchEvent("Message_Paid").message("BenchmarkPaid");
        b = asyncs(b, "f", asyncSteps - 5 * per);
        b = b.intermediateCatchEvent("Timer_3").timerWithDuration("P90D");
        BpmnModelInstance model = b.endEvent().done();
        engine.getRepositoryService().createDeployment().name("benchmark-skeleton").addModelInstance("benchmark-skeleton.bpmn", model)
                .enableDuplicateFiltering(true).deploy();
        // sales start it as they start a quote: the same authorization checks
        var authorizations = engine.getAuthorizationService();
        if (authorizations.createAuthorizationQuery().groupIdIn("sales").resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION)
                .resourceId("benchmark-skeleton").count() == 0) {
            var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId("sales");
            grant.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
            grant.setResourceId("benchmark-skeleton");
            grant.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE);
            authorizations.saveAuthorization(grant);
        }
    }

    private static AbstractFlowNodeBuilder<?, ?> asyncs(AbstractFlowNodeBuilder<?, ?> b, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            b = b.serviceTask("Step_" + prefix + i).camundaExpression("${true}").camundaAsyncBefore();
        }
        return b;
    }

    void skeletonLifecycle() {
        String key = "SKEL-" + UUID.randomUUID();
        ProcessInstance instance = asUser(TestUsers.SALES, "sales",
                () -> engine.getRuntimeService().startProcessInstanceByKey("benchmark-skeleton", key));
        CountingJobs jobs = new CountingJobs();
        jobs.run(instance.getId());
        complete(instance, "Task_A", TestUsers.SALES, "sales", Map.of("x", 1));
        jobs.run(instance.getId());
        complete(instance, "Task_B", TestUsers.ACCOUNTING, "accounting", Map.of("x", 2));
        jobs.run(instance.getId());
        fire(instance, "Timer_1", jobs);
        fire(instance, "Timer_2", jobs);
        complete(instance, "Task_C", TestUsers.COORDINATION, "coordination", Map.of("x", 3));
        jobs.run(instance.getId());
        long start = System.nanoTime();
        engine.getRuntimeService().createMessageCorrelation("BenchmarkPaid").processInstanceBusinessKey(key).correlate();
        correlationMillis.add((System.nanoTime() - start) / 1_000_000);
        jobs.run(instance.getId());
        fire(instance, "Timer_3", jobs);
        if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0) {
            throw new IllegalStateException("Skeleton " + key + " did not end");
        }
    }

    // --- helpers

    double run(String label, int count, Runnable lifecycle) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(lifecycle));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d lifecycles in %.2f s = %.1f/s%n", label, count, seconds, count / seconds);
            return count / seconds;
        } finally {
            pool.shutdown();
        }
    }

    List<Long> pdfTimes() {
        ProcessInstance sample = asUser(TestUsers.SALES, "sales", () -> engine.getFormService().submitStartForm(
                definition("training-contract"), QuoteForms.company(today().plusMonths(2))));
        new CountingJobs().run(sample.getId());
        String number = (String) engine.getRuntimeService().getVariable(sample.getId(), "contractNumber");
        complete(sample, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        new CountingJobs().run(sample.getId());
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow();
        var contract = contracts.find(number);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < PDFS + 5; i++) {
            long start = System.nanoTime();
            PdfTiming.renderQuote(documents, contract);
            long quote = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            PdfTiming.renderInvoice(documents, deposit);
            long invoice = (System.nanoTime() - start) / 1_000_000;
            if (i >= 5) { // the first renderings load fonts and templates
                millis.add(quote);
                millis.add(invoice);
            }
        }
        Collections.sort(millis);
        return millis;
    }

    void complete(ProcessInstance instance, String key, String user, String group, Map<String, Object> values) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new IllegalStateException("No task " + key + " in " + instance.getId());
        }
        long start = System.nanoTime();
        asUser(user, group, () -> {
            engine.getTaskService().claim(task.getId(), user);
            engine.getFormService().submitTaskForm(task.getId(), values);
            return null;
        });
        taskMillis.add((System.nanoTime() - start) / 1_000_000);
    }

    void fire(ProcessInstance instance, String activityId, CountingJobs jobs) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .timers().singleResult();
        if (timer == null) {
            throw new IllegalStateException("No timer " + activityId + " in " + instance.getId());
        }
        engine.getManagementService().executeJob(timer.getId());
        jobs.run(instance.getId());
    }

    /** Executes the instance's due jobs (its asynchronous steps) until none is left; counts them. */
    final class CountingJobs {
        int count;

        void run(String processInstanceId) {
            for (int guard = 0; guard < 200; guard++) {
                List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
                        .executable().list();
                if (due.isEmpty()) {
                    return;
                }
                for (Job job : due) {
                    engine.getManagementService().executeJob(job.getId());
                    count++;
                }
            }
            throw new IllegalStateException("Jobs keep coming for " + processInstanceId);
        }
    }

    <T> T asUser(String user, String group, Supplier<T> work) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            return work.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    String definition(String key) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().getId();
    }

    static LocalDate today() {
        return LocalDate.now(PARIS);
    }

    static String goal(String goal, String figure, boolean pass) {
        return "| %s | %s | %s |".formatted(goal, figure, pass ? "PASS" : "FAIL");
    }

    static <T extends Comparable<T>> List<T> sorted(java.util.Collection<T> values) {
        List<T> list = new ArrayList<>(values);
        Collections.sort(list);
        return list;
    }

    static long pct(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    static double median(List<Double> values) {
        List<Double> s = sorted(values);
        return s.get(s.size() / 2);
    }

    static double min(List<Double> values) {
        return Collections.min(values);
    }

    static double max(List<Double> values) {
        return Collections.max(values);
    }
}
