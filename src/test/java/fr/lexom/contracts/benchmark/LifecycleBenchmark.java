package fr.lexom.contracts.benchmark;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.documents.Documents;
import fr.lexom.contracts.documents.PdfTiming;
import fr.lexom.contracts.documents.RenderingSwitch;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestDatabase;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9, part 1: complete contracts through the real models, delegates, domain tables, outbox and documents, on
 * PostgreSQL with history full, with documents and without, against a skeleton of the same path with no-op steps,
 * in the same run (see LifecycleSkeleton). Timers are fast-forwarded by executing their jobs; the outbox delivers
 * the mail to a local SMTP sink (GreenMail) meanwhile, and each run waits until it has delivered everything. Run with
 * {@code ./mvnw -Pbenchmark test} (see docs/performance.md); never part of {@code ./mvnw verify}.
 */
@Tag("benchmark")
@ExtendWith(TestDatabase.class)
// the production setting of application-postgres.yaml: no JIT compilation of queries
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.data-source-properties.options=-c jit=off")
@ActiveProfiles("test")
@Import({TestUsers.class, StatementCounter.class, LifecycleSkeleton.Hooks.class, RenderingSwitch.class})
class LifecycleBenchmark {

    /** The local SMTP sink the outbox delivers to while the lifecycles run (its poller every half second). */
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @DynamicPropertySource
    static void smtpSink(DynamicPropertyRegistry registry) {
        SMTP.start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("lexom.mail.poll-interval", () -> "PT0.5S");
    }

    static final int THREADS = Integer.getInteger("benchmark.threads", 2);
    static final int CONTRACTS = Integer.getInteger("benchmark.contracts", 60);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final int PDFS = Integer.getInteger("benchmark.pdfs", 40);
    /** -Dbenchmark.sqlprofile=N: only N real lifecycles, then the statements they executed, by SQL text. */
    static final int SQL_PROFILE = Integer.getInteger("benchmark.sqlprofile", 0);
    static final ZoneId PARIS = LifecycleDriver.PARIS;

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
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    final ConcurrentLinkedQueue<Long> taskMillis = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> correlationMillis = new ConcurrentLinkedQueue<>();
    int asyncJobsPerLifecycle;
    final LifecycleSkeleton skeleton = new LifecycleSkeleton();
    LifecycleDriver driver;
    /** The CPU the last run used (JVM and PostgreSQL per lifecycle, share of the cores). */
    volatile CpuMeter.Use lastUse;
    long mailsDelivered;
    /** Mails delivered per second by the outbox, from the start of a run until its outbox is empty. */
    final List<Double> mailRates = new ArrayList<>();

    @Test
    void lifecycles() throws Exception {
        if (!TestDatabase.isPostgres()) {
            throw new IllegalStateException("The benchmark runs on PostgreSQL: ./mvnw -Pbenchmark test");
        }
        users.ensureAll();
        ClockUtil.reset();
        driver = new LifecycleDriver(engine, invoices, payments, contracts, transaction, new LifecycleDriver.Probe() {
            @Override
            public void taskCompleted(long millis) {
                taskMillis.add(millis);
            }

            @Override
            public void paymentCorrelated(long millis) {
                correlationMillis.add(millis);
            }
        });
        // one real lifecycle gives the skeleton its path, and tells how many jobs the skeleton must execute
        java.util.concurrent.atomic.AtomicInteger realJobs = new java.util.concurrent.atomic.AtomicInteger();
        LifecycleDriver.Lifecycle first = driver.with(counting(realJobs)).closedContract();
        asyncJobsPerLifecycle = realJobs.get();
        skeleton.deploy(engine, first.contractInstanceId(), first.collectionInstanceId());
        java.util.concurrent.atomic.AtomicInteger skeletonJobs = new java.util.concurrent.atomic.AtomicInteger();
        skeletonLifecycle(driver.with(counting(skeletonJobs)));
        if (skeletonJobs.get() != asyncJobsPerLifecycle) {
            throw new IllegalStateException("The skeleton executed %d jobs, the real lifecycle %d"
                    .formatted(skeletonJobs.get(), asyncJobsPerLifecycle));
        }
        if (SQL_PROFILE > 0) {
            profileStatements();
            return;
        }
        // the JIT compiler keeps speeding the app up over the first hundred lifecycles or so; the statements are
        // counted in the warm-up (each type executes the same statements in every run), not in the timed rounds
        long onStatements = warmUp("warm-up real", this::realLifecycleQuietly);
        RenderingSwitch.documents(false);
        long offStatements = warmUp("warm-up real, documents off", this::realLifecycleQuietly);
        RenderingSwitch.documents(true);
        long[] statementsPer = {onStatements, offStatements, warmUp("warm-up skeleton", this::skeletonLifecycle)};
        StatementCounter.counting = false;
        // without the counting proxies the JDBC calls take other paths, which the JIT compiler compiles again: one
        // round more, not reported, or the first timed round runs the real lifecycle at about half the speed of the
        // next ones (JVM CPU per lifecycle 148 ms against 77 ms, 2026-11-29)
        round("settling, ");

        List<String> lines = new ArrayList<>();
        lines.add("| round | real, documents on (/s) | real, documents off (/s) | skeleton (/s) | ratio off / skeleton | ratio on / skeleton |");
        lines.add("|---|---|---|---|---|---|");
        List<Double> real = new ArrayList<>();
        List<Double> realOff = new ArrayList<>();
        List<Double> skeletonRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> ratiosOn = new ArrayList<>();
        List<String> cpuLines = new ArrayList<>();
        List<Double> jvmOff = new ArrayList<>();
        List<Double> postgresOff = new ArrayList<>();
        List<Double> jvmSkeleton = new ArrayList<>();
        List<Double> postgresSkeleton = new ArrayList<>();
        List<Double> busy = new ArrayList<>();
        taskMillis.clear();
        correlationMillis.clear();
        for (int round = 1; round <= ROUNDS; round++) {
            Round r = round("");
            double on = r.on();
            double off = r.off();
            double s = r.skeleton();
            cpuLines.add("| %d | %s | %s | %s |".formatted(round, r.onUse(), r.offUse(), r.skeletonUse()));
            jvmOff.add(r.offUse().jvmMs());
            postgresOff.add(r.offUse().postgresMs());
            jvmSkeleton.add(r.skeletonUse().jvmMs());
            postgresSkeleton.add(r.skeletonUse().postgresMs());
            busy.add(r.offUse().coresBusy());
            real.add(on);
            realOff.add(off);
            skeletonRates.add(s);
            ratios.add(off / s);
            ratiosOn.add(on / s);
            lines.add("| %d | %.1f | %.1f | %.1f | %.2f | %.2f |".formatted(round, on, off, s, off / s, on / s));
        }
        lines.add("");
        lines.add("SQL statements per lifecycle (counted in the warm-up, the outbox sender's included): real with documents %d,"
                .formatted(statementsPer[0]) + " real without %d, skeleton %d.".formatted(statementsPer[1], statementsPer[2]));
        lines.add("");
        lines.add("CPU per lifecycle (JVM / PostgreSQL) and share of the %d cores busy (JVM + PostgreSQL over wall time):"
                .formatted(Runtime.getRuntime().availableProcessors()));
        lines.add("");
        lines.add("| round | real, documents on | real, documents off | skeleton |");
        lines.add("|---|---|---|---|");
        lines.addAll(cpuLines);
        List<Long> pdfMillis = pdfTimes();
        List<String> report = new ArrayList<>();
        report.add("# Lifecycle benchmark, " + java.time.OffsetDateTime.now(PARIS).withNano(0));
        report.add("");
        report.add("%d contracts per round and type, %d client threads, %d rounds; %d asynchronous steps per lifecycle."
                .formatted(CONTRACTS, THREADS, ROUNDS, asyncJobsPerLifecycle));
        report.add("");
        report.addAll(lines);
        report.add("");
        report.add(("Mail: %d mails delivered by the outbox to the local SMTP sink during the run; each run waits for the outbox to be"
                + " empty before the next starts. Delivery rate (from a run's start until its outbox is empty): %.1f / %.1f / %.1f mails/s.")
                .formatted(mailsDelivered, min(mailRates), median(mailRates), max(mailRates)));
        report.add("");
        report.add("| goal | figure (min / median / max over rounds, or p50 / p95) | result |");
        report.add("|---|---|---|");
        report.add(goal("real lifecycle, documents off, >= 0.75 x skeleton", "%.2f / %.2f / %.2f".formatted(min(ratios),
                median(ratios), max(ratios)), median(ratios) >= 0.75));
        report.add(goal("real lifecycle, documents off, >= 25 lifecycles/s", "%.1f / %.1f / %.1f".formatted(min(realOff),
                median(realOff), max(realOff)), median(realOff) >= 25));
        report.add("| real lifecycle, documents on (no goal) | %.1f / %.1f / %.1f per second, %.2f / %.2f / %.2f x skeleton | - |"
                .formatted(min(real), median(real), max(real), min(ratiosOn), median(ratiosOn), max(ratiosOn)));
        List<Long> tasks = sorted(taskMillis);
        report.add(goal("p95 user-task completion <= 150 ms", "p50 %d ms, p95 %d ms".formatted(pct(tasks, 50), pct(tasks, 95)),
                pct(tasks, 95) <= 150));
        List<Long> correlations = sorted(correlationMillis);
        report.add("| correlating a payment (no goal) | p50 %d ms, p95 %d ms | - |".formatted(pct(correlations, 50), pct(correlations, 95)));
        report.add(goal("PDF <= 50 ms median", "median %d ms, p95 %d ms over %d quotes and %d Factur-X invoices"
                .formatted(pct(pdfMillis, 50), pct(pdfMillis, 95), PDFS, PDFS), pct(pdfMillis, 50) <= 50));
        report.add("");
        String text = String.join("\n", report) + "\n";
        Path out = Path.of("target", "benchmark", "lifecycle.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        // the run's figures (medians over its rounds), for scripts/benchmark-summary.py: min / median / max over runs
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("at", java.time.OffsetDateTime.now(PARIS).withNano(0).toString());
        figures.put("contracts", CONTRACTS);
        figures.put("threads", THREADS);
        figures.put("rounds", ROUNDS);
        figures.put("real lifecycles/s, documents off", median(realOff));
        figures.put("real lifecycles/s, documents on", median(real));
        figures.put("skeleton lifecycles/s", median(skeletonRates));
        figures.put("ratio documents off / skeleton", median(ratios));
        figures.put("ratio documents on / skeleton", median(ratiosOn));
        figures.put("SQL statements per lifecycle, real", statementsPer[1]);
        figures.put("SQL statements per lifecycle, skeleton", statementsPer[2]);
        figures.put("user task p50 ms", pct(tasks, 50));
        figures.put("user task p95 ms", pct(tasks, 95));
        figures.put("payment correlation p50 ms", pct(correlations, 50));
        figures.put("payment correlation p95 ms", pct(correlations, 95));
        figures.put("PDF median ms", pct(pdfMillis, 50));
        figures.put("PDF p95 ms", pct(pdfMillis, 95));
        figures.put("JVM CPU ms per real lifecycle, documents off", median(jvmOff));
        figures.put("PostgreSQL CPU ms per real lifecycle, documents off", median(postgresOff));
        figures.put("JVM CPU ms per skeleton lifecycle", median(jvmSkeleton));
        figures.put("PostgreSQL CPU ms per skeleton lifecycle", median(postgresSkeleton));
        figures.put("cores busy, documents off", median(busy));
        figures.put("mails delivered per second by the outbox", median(mailRates));
        Path json = Path.of("target", "benchmark", "runs", "lifecycle-" + System.currentTimeMillis() + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(figures));
        System.out.println("\n" + text);
        // a measurement, not a verification: the goals are reported PASS or FAIL, not asserted; what is checked is
        // that every lifecycle ended CLOSED (see realLifecycle) and that the figures were really measured
        org.assertj.core.api.Assertions.assertThat(StatementCounter.STATEMENTS.get()).as("statements counted").isPositive();
        org.assertj.core.api.Assertions.assertThat(mailsDelivered).as("mails delivered to the SMTP sink").isPositive();
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE status <> 'SENT'")
                .query(Long.class).single()).as("mails not delivered").isZero();
        org.assertj.core.api.Assertions.assertThat(tasks).as("user tasks timed").hasSizeGreaterThanOrEqualTo(3 * ROUNDS * CONTRACTS);
        org.assertj.core.api.Assertions.assertThat(pdfMillis).as("PDFs timed").hasSize(2 * PDFS);
    }

    /** The lifecycles per second of a round's three runs, one after the other, and the CPU each used. */
    record Round(double on, CpuMeter.Use onUse, double off, CpuMeter.Use offUse, double skeleton, CpuMeter.Use skeletonUse) {
    }

    Round round(String labelPrefix) throws Exception {
        double on = run(labelPrefix + "real, documents on", CONTRACTS, this::realLifecycleQuietly);
        CpuMeter.Use onUse = lastUse;
        RenderingSwitch.documents(false);
        double off;
        try {
            off = run(labelPrefix + "real, documents off", CONTRACTS, this::realLifecycleQuietly);
        } finally {
            RenderingSwitch.documents(true);
        }
        CpuMeter.Use offUse = lastUse;
        double skeleton = run(labelPrefix + "skeleton", CONTRACTS, this::skeletonLifecycle);
        return new Round(on, onUse, off, offUse, skeleton, lastUse);
    }

    /** Runs a warm-up of {@link #CONTRACTS} lifecycles; returns the SQL statements per lifecycle it executed. */
    long warmUp(String label, Runnable lifecycle) throws Exception {
        long before = StatementCounter.STATEMENTS.get();
        run(label, CONTRACTS, lifecycle);
        return (StatementCounter.STATEMENTS.get() - before) / CONTRACTS;
    }

    void profileStatements() throws Exception {
        RenderingSwitch.documents(!"off".equals(System.getProperty("benchmark.documents")));
        run("warm-up real", 5, this::realLifecycleQuietly);
        run("warm-up skeleton", 5, this::skeletonLifecycle);
        Map<String, Double> real = statementsByText(this::realLifecycleQuietly);
        Map<String, Double> skeletonOnes = statementsByText(this::skeletonLifecycle);
        double realTotal = real.values().stream().mapToDouble(Double::doubleValue).sum();
        double skeletonTotal = skeletonOnes.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder out = new StringBuilder("Statements per lifecycle: real %.0f, skeleton %.0f (%d lifecycles each)%n"
                .formatted(realTotal, skeletonTotal, SQL_PROFILE));
        out.append("%8s %8s %8s  %s%n".formatted("real", "skeleton", "more", "statement"));
        java.util.Set<String> texts = new java.util.HashSet<>(real.keySet());
        texts.addAll(skeletonOnes.keySet());
        texts.stream()
                .sorted(java.util.Comparator.comparingDouble((String t) -> real.getOrDefault(t, 0.0) - skeletonOnes.getOrDefault(t, 0.0))
                        .reversed())
                .limit(100)
                .forEach(t -> out.append("%8.1f %8.1f %8.1f  %s%n".formatted(real.getOrDefault(t, 0.0), skeletonOnes.getOrDefault(t, 0.0),
                        real.getOrDefault(t, 0.0) - skeletonOnes.getOrDefault(t, 0.0), t.length() > 160 ? t.substring(0, 160) : t)));
        Path file = Path.of("target", "benchmark", "statements.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        System.out.println(out);
    }

    /** Statements per lifecycle by SQL text, over SQL_PROFILE lifecycles run one after the other. */
    Map<String, Double> statementsByText(Runnable lifecycle) {
        StatementCounter.BY_SQL.clear();
        StatementCounter.byText = true;
        for (int i = 0; i < SQL_PROFILE; i++) {
            lifecycle.run();
        }
        StatementCounter.byText = false;
        Map<String, Double> perLifecycle = new java.util.HashMap<>();
        StatementCounter.BY_SQL.forEach((text, n) -> perLifecycle.put(text, n.sum() / (double) SQL_PROFILE));
        return perLifecycle;
    }

    // --- the real lifecycle: a company's contract, deposit paid, delivered, final invoice paid, closed

    void realLifecycleQuietly() {
        driver.closedContract();
    }

    static LifecycleDriver.Probe counting(java.util.concurrent.atomic.AtomicInteger jobs) {
        return new LifecycleDriver.Probe() {
            @Override
            public void jobExecuted() {
                jobs.incrementAndGet();
            }
        };
    }

    // --- the skeleton: the same path, no-op steps (LifecycleSkeleton)

    void skeletonLifecycle() {
        skeletonLifecycle(driver);
    }

    void skeletonLifecycle(LifecycleDriver d) {
        String key = "SKEL-" + UUID.randomUUID();
        Map<String, Object> start = QuoteForms.company(LifecycleDriver.today().plusMonths(2));
        // started as the real one is, through the start form (the engine keeps each submitted field in history)
        ProcessInstance contract = d.asUser(TestUsers.SALES, "sales",
                () -> engine.getFormService().submitStartForm(d.definition(LifecycleSkeleton.CONTRACT), key, start));
        d.runJobs(contract.getId());
        for (LifecycleSkeleton.Step step : skeleton.script) {
            switch (step.kind()) {
                case USER_TASK -> {
                    d.completeAs(contract, step.activityId());
                    d.runJobs(contract.getId());
                }
                case TIMER -> d.fire(contract, step.activityId());
                case MESSAGE -> {
                    long begin = System.nanoTime();
                    engine.getRuntimeService().createMessageCorrelation(step.message()).processInstanceBusinessKey(key).correlate();
                    correlationMillis.add((System.nanoTime() - begin) / 1_000_000);
                    ProcessInstance collection = engine.getRuntimeService().createProcessInstanceQuery()
                            .processDefinitionKey(LifecycleSkeleton.COLLECTION).processInstanceBusinessKey(key).singleResult();
                    if (collection != null) {
                        d.runJobs(collection.getId());
                    }
                    d.runJobs(contract.getId());
                }
            }
        }
        if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).count() > 0) {
            throw new IllegalStateException("Skeleton " + key + " did not end");
        }
    }

    // --- helpers

    double run(String label, int count, Runnable lifecycle) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CpuMeter cpu = CpuMeter.now();
            java.time.Instant from = java.time.Instant.now();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(lifecycle));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuMeter.Use use = cpu.untilNow(count);
            double drain = drainOutbox();
            int received = SMTP.getReceivedMessages().length;
            mailsDelivered += received;
            if (received > 0) {
                mailRates.add(received / (seconds + drain));
            }
            SMTP.purgeEmailFromAllMailboxes(); // the sink keeps every message in memory
            lastUse = use;
            // the window is printed to cut a profile (JFR) by run
            System.out.printf(Locale.ROOT, "%s: %d lifecycles in %.2f s = %.1f/s; CPU per lifecycle JVM / PostgreSQL, cores busy: %s;"
                    + " outbox drained %.1f s later, %d mails received by the SMTP sink; window %s .. %s%n",
                    label, count, seconds, count / seconds, use, drain, received, from, from.plusNanos((long) (seconds * 1e9)));
            return count / seconds;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits until the outbox has delivered every mail of the run to the SMTP sink (the sender polls on its own), so
     * that the next run does not share the CPU with it; returns the seconds waited.
     */
    double drainOutbox() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + 300_000_000_000L;
        while (jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE status IN ('PENDING', 'SENDING')").query(Long.class).single() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The outbox did not deliver its mails within 5 minutes");
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    List<Long> pdfTimes() {
        LifecycleDriver quiet = driver.with(LifecycleDriver.Probe.NONE);
        ProcessInstance sample = quiet.quote();
        String number = quiet.number(sample);
        quiet.sign(sample);
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
