package fr.lexom.contracts.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestDatabase;
import fr.lexom.contracts.support.TestUsers;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9, part 2: a timer burst. N contracts (10 000 by default) wait for their signature with their quote
 * validity ending at the same moment; the clock starts when their Timer_QuoteValidity jobs fall due (one SQL
 * update of the due dates), and stops when every contract is EXPIRED in the domain table with its expiry mail in
 * the outbox. Unlike the other tests, the job executor is ON, configured as in application.yaml and
 * application-postgres.yaml (profile {@code postgres} on top of {@code test}); the outbox sender stays idle (the
 * test profile polls it hourly): what is measured is "in the outbox".
 *
 * <p>Seeding: a few contracts go through the real start form (Nouveau devis, Task_CreateQuote, Task_SendQuote);
 * the others are copies of the first: its domain rows copied with set-based SQL (client, contract, participants,
 * funding, timeline, the quote mail marked sent) and a process instance started before Task_RecordSignature with
 * the same variables (the engine's instance modification API), which creates the task, both boundary timers and
 * the event subscriptions exactly as the real path does. The expiry reminders stay in the future.
 *
 * <p>{@code -Dburst.variants=production,camunda-defaults,name:key=value;key=value} compares job executor and pool
 * settings in one run (the job executor is stopped, reconfigured and started again between variants; keys: core,
 * max, queue, perAcquisition, wait, maxWait, lock, backoff, hikari, priority, preferTimers, dueDateIndex, removalTime
 * = end|start|none, the engine's history removal time strategy);
 * {@code -Dburst.rounds} repeats each variant. Run with
 * {@code ./mvnw -Pbenchmark test -Dtest=TimerBurstBenchmark} (docs/performance.md).
 */
@Tag("benchmark")
// runs alone, when named (-Dtest=TimerBurstBenchmark): next to the lifecycle benchmark in one JVM, its job executor
// would run that benchmark's jobs
@EnabledIfSystemProperty(named = "test", matches = ".*TimerBurstBenchmark.*")
@ExtendWith(TestDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"postgres", "test"})
@Import({TestUsers.class, StatementCounter.class})
class TimerBurstBenchmark {

    static final int CONTRACTS = Integer.getInteger("burst.contracts", 10_000);
    /** A first, unreported burst: the JVM compiles the engine's and the app's hot code before the measured ones. */
    static final int WARMUP = Integer.getInteger("burst.warmup", 1_000);
    static final int REAL = Integer.getInteger("burst.realContracts", 2);
    static final int SEED_THREADS = Integer.getInteger("burst.seedThreads", 3);
    static final int ROUNDS = Integer.getInteger("burst.rounds", 1);
    static final int TIMEOUT_SECONDS = Integer.getInteger("burst.timeoutSeconds", 600);
    static final String VARIANTS = System.getProperty("burst.variants", "production");
    static final double GOAL_SECONDS = 60;
    static final String VALIDITY_TIMERS = "handler_type_ = 'timer-transition' AND handler_cfg_ = 'Timer_QuoteValidity'";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DataSource dataSource;

    Settings production;
    int contracts = CONTRACTS;
    String jit;

    @Test
    void timerBurst() throws Exception {
        if (!TestDatabase.isPostgres()) {
            throw new IllegalStateException("The benchmark runs on PostgreSQL: ./mvnw -Pbenchmark test -Dtest=TimerBurstBenchmark");
        }
        users.ensureAll();
        ClockUtil.reset();
        production = Settings.current(config(), hikari(), jdbc.queryForObject(
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'lexom_job_duedate_ix'", Integer.class) > 0);
        jit = jdbc.queryForObject("SHOW jit", String.class);
        System.out.println("Production settings: " + production);

        if (WARMUP > 0) {
            contracts = WARMUP;
            apply(production);
            System.out.println("warm-up, not reported: " + burst(production, 0).line());
            contracts = CONTRACTS;
        }
        List<Result> results = new ArrayList<>();
        for (String spec : VARIANTS.split(",")) {
            Settings settings = variant(spec.trim());
            for (int round = 1; round <= ROUNDS; round++) {
                apply(settings);
                Result r = burst(settings, round);
                results.add(r);
                System.out.println(r.line());
            }
        }
        apply(production);

        String text = report(results);
        Path out = Path.of("target", "benchmark", "timer-burst.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("\n" + text);
        // a measurement: the goal is reported PASS or FAIL, not asserted; what is asserted is that the figures were
        // measured and that every contract expired exactly once with one expiry mail (see burst)
        for (Result r : results) {
            assertThat(r.seedSeconds).as("seeding timed").isPositive();
            assertThat(r.samples).as("progress sampled").isNotEmpty();
            assertThat(r.problems).as("correctness of " + r.settings.name).isEmpty();
            assertThat(r.clearSeconds).as(r.settings.name + " cleared within the timeout").isPositive();
        }
    }

    // --- one burst

    Result burst(Settings settings, int round) throws Exception {
        Result r = new Result(settings, round, contracts);
        long seedStart = System.nanoTime();
        long[] ids = seed();
        r.seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long firstId = ids[0];
        long lastId = ids[1];
        int seeded = jdbc.queryForObject("SELECT COUNT(*) FROM contract WHERE id BETWEEN ? AND ? AND stage = 'QUOTE_SENT'",
                Integer.class, firstId, lastId);
        int validityTimers = jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE " + VALIDITY_TIMERS, Integer.class);
        if (seeded != contracts || validityTimers != contracts) {
            throw new IllegalStateException("Seeded " + seeded + " contracts and " + validityTimers + " validity timers, expected " + contracts);
        }
        System.out.printf(Locale.ROOT, "%s round %d: %d contracts seeded in %.1f s; the burst starts%n", settings.name, round,
                contracts, r.seedSeconds);
        // The quotes were issued over 30 days in real life, and autovacuum analyzed the tables meanwhile; this database
        // was filled a minute ago, and without statistics PostgreSQL picks plans that read every variable of every
        // instance (measured: 15 ms instead of 0.1 ms for each variable query of the engine).
        jdbc.execute("ANALYZE");
        // let the job executor go idle, as it is when a timer falls due at midnight
        Thread.sleep(Long.getLong("burst.idleMillis", 3000));

        // The progress probe counts only the rows written since T0, through the primary keys: the expiry's timeline
        // event (written with the stage, in the job's transaction) and its mail. Joining the outbox to the contracts
        // took 42 ms of PostgreSQL CPU per sample, a sixth of one core taken from the burst it measured; check() below
        // verifies every contract row afterwards.
        long eventsBefore = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM contract_event", Long.class);
        long mailsBefore = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM outbox_mail", Long.class);
        Cpu cpu = Cpu.start(jdbc);
        long statementsBefore = StatementCounter.STATEMENTS.get();
        StatementCounter.BY_SQL.clear();
        StatementCounter.byText = true;
        // T0: every Timer_QuoteValidity falls due at this moment; the reminders stay in the future
        long t0 = System.nanoTime();
        int due = jdbc.update("UPDATE act_ru_job SET duedate_ = ? WHERE " + VALIDITY_TIMERS,
                new java.sql.Timestamp(ClockUtil.getCurrentTime().getTime()));
        if (due != contracts) {
            throw new IllegalStateException(due + " validity timers made due, expected " + contracts);
        }
        Map<String, Integer> waits = new TreeMap<>();
        while (true) {
            Thread.sleep(250);
            double t = (System.nanoTime() - t0) / 1e9;
            int expired = jdbc.queryForObject("SELECT COUNT(*) FROM contract_event WHERE id > ? AND kind = 'STAGE_EXPIRED'",
                    Integer.class, eventsBefore);
            int mails = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_mail WHERE id > ? AND letter = 'quote-expired'",
                    Integer.class, mailsBefore);
            r.samples.add(new double[] {t, expired, mails});
            if (r.firstSeconds < 0 && expired > 0) {
                r.firstSeconds = t;
            }
            jdbc.query("""
                    SELECT COALESCE(wait_event_type || ':' || wait_event, state) AS w, COUNT(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1""",
                    rs -> {
                        waits.merge(rs.getString("w"), rs.getInt("n"), Integer::sum);
                    });
            jdbc.query("""
                    SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS q, COUNT(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' GROUP BY 1""",
                    rs -> {
                        r.activeQueries.merge(rs.getString("q"), rs.getInt("n"), Integer::sum);
                    });
            cpu.sample();
            if (expired == contracts && mails == contracts) {
                r.clearSeconds = t;
                break;
            }
            if (t > TIMEOUT_SECONDS) {
                r.problems.add("not cleared in " + TIMEOUT_SECONDS + " s: " + expired + " expired, " + mails + " mails");
                break;
            }
        }
        r.cpu = cpu.stop();
        r.waits = waits;
        r.statementsPerContract = (StatementCounter.STATEMENTS.get() - statementsBefore) / (double) contracts;
        StatementCounter.byText = false;
        StatementCounter.BY_SQL.entrySet().stream()
                .filter(e -> e.getValue().sum() >= contracts / 2)
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> r.statements.put(e.getKey(), e.getValue().sum() / (double) contracts));
        if (r.clearSeconds > 0) {
            waitForJobsToEnd();
        }
        check(r, firstId, lastId);
        return r;
    }

    /** Seeds {@code contracts} contracts waiting at Task_RecordSignature; returns the first and last contract id. */
    long[] seed() throws Exception {
        LocalDate start = today().plusMonths(3);
        List<ProcessInstance> real = new ArrayList<>();
        for (int i = 0; i < REAL; i++) {
            real.add(asSales(() -> engine.getFormService().submitStartForm(definition(), QuoteForms.company(start))));
        }
        // Task_SendQuote is asynchronous: the job executor sends the quote to the outbox
        for (ProcessInstance instance : real) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey("Task_RecordSignature").count() == 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("The quote of " + instance.getId() + " was not sent");
                }
                Thread.sleep(50);
            }
        }
        String template = (String) engine.getRuntimeService().getVariable(real.get(0).getId(), "contractNumber");
        Map<String, Object> variables = engine.getRuntimeService().getVariables(real.get(0).getId());
        long templateId = jdbc.queryForObject("SELECT id FROM contract WHERE number = ?", Long.class, template);
        String lastReal = (String) engine.getRuntimeService().getVariable(real.get(REAL - 1).getId(), "contractNumber");
        int year = Integer.parseInt(template.split("-")[1]);
        int from = Integer.parseInt(lastReal.split("-")[2]) + 1;
        int to = from + contracts - REAL - 1;
        // the quote mails were handled (sent) before the quotes waited for their signature
        jdbc.update("UPDATE outbox_mail SET status = 'SENT', attempts = 1, sent_at = CURRENT_TIMESTAMP WHERE letter = 'quote' AND status = 'PENDING'");

        // the copies' domain rows, set-based: one client each, the contract, its participants, funding, timeline, quote mail
        String seq = "generate_series(?, ?) g";
        String number = "'DEV-' || ? || '-' || lpad(g::text, 5, '0')";
        String siret = "'9' || lpad(g::text, 13, '0')";
        transaction.executeWithoutResult(s -> {
            jdbc.update("""
                    INSERT INTO client (kind, name, siren, siret, country_code, email, billing_line1, billing_postal_code,
                                        billing_city, billing_country_code)
                    SELECT t.kind, t.name || ' ' || g, substr(%s, 1, 9), %s, t.country_code, 'client-' || g || '@burst.example',
                           t.billing_line1, t.billing_postal_code, t.billing_city, t.billing_country_code
                    FROM client t CROSS JOIN %s
                    WHERE t.id = (SELECT client_id FROM contract WHERE id = ?)""".formatted(siret, siret, seq),
                    from, to, templateId);
            jdbc.update("""
                    INSERT INTO contract (number, cgv_edition, stage, client_id, training_id, session_id, modality, place,
                                          starts_on, ends_on, price_net, vat_rate, vat_exempt, vat_amount, price_gross,
                                          funder_id, quote_issued_on, quote_valid_until, created_by, created_at, updated_at)
                    SELECT %s, t.cgv_edition, t.stage, cl.id, t.training_id, t.session_id, t.modality, t.place,
                           t.starts_on, t.ends_on, t.price_net, t.vat_rate, t.vat_exempt, t.vat_amount, t.price_gross,
                           t.funder_id, t.quote_issued_on, t.quote_valid_until, t.created_by, t.created_at, t.updated_at
                    FROM contract t CROSS JOIN %s JOIN client cl ON cl.siret = %s
                    WHERE t.id = ? ORDER BY g""".formatted(number, seq, siret),
                    year, from, to, templateId);
            long lastRealId = jdbc.queryForObject("SELECT id FROM contract WHERE number = ?", Long.class, lastReal);
            jdbc.update("""
                    INSERT INTO participant (contract_id, first_name, last_name, email, position)
                    SELECT c.id, p.first_name, p.last_name, p.email, p.position
                    FROM participant p JOIN contract c ON c.id > ? WHERE p.contract_id = ?""", lastRealId, templateId);
            jdbc.update("""
                    INSERT INTO funding (contract_id, funder_id, status) SELECT c.id, f.funder_id, f.status
                    FROM funding f JOIN contract c ON c.id > ? WHERE f.contract_id = ?""", lastRealId, templateId);
            jdbc.update("""
                    INSERT INTO contract_event (contract_id, occurred_at, kind, detail, actor)
                    SELECT c.id, e.occurred_at, e.kind, replace(e.detail, ?, c.number), e.actor
                    FROM contract_event e JOIN contract c ON c.id > ? WHERE e.contract_id = ?""", template, lastRealId, templateId);
            jdbc.update("""
                    INSERT INTO outbox_mail (dedup_key, message_id, contract_number, letter, recipients, subject, body_text,
                                             body_html, status, attempts, next_attempt_at, created_at, sent_at)
                    SELECT replace(m.dedup_key, ?, c.number), '<' || md5(replace(m.dedup_key, ?, c.number)) || '@lexom-training-contracts>',
                           c.number, m.letter, cl.email, replace(m.subject, ?, c.number), replace(m.body_text, ?, c.number),
                           replace(m.body_html, ?, c.number), m.status, m.attempts, m.next_attempt_at, m.created_at, m.sent_at
                    FROM outbox_mail m JOIN contract c ON c.id > ? JOIN client cl ON cl.id = c.client_id
                    WHERE m.contract_number = ?""", template, template, template, template, template, lastRealId, template);
            jdbc.update("UPDATE document_counter SET last_value = ? WHERE kind = 'QUOTE' AND counter_year = ?", to, year);
        });

        // the copies' process instances, waiting at Task_RecordSignature with the template's variables
        String definitionId = definition();
        AtomicInteger next = new AtomicInteger(from);
        int batch = 100;
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < SEED_THREADS; t++) {
                futures.add(pool.submit(() -> {
                    while (true) {
                        int first = next.getAndAdd(batch);
                        if (first > to) {
                            return null;
                        }
                        int last = Math.min(to, first + batch - 1);
                        transaction.executeWithoutResult(s -> {
                            for (int n = first; n <= last; n++) {
                                String copy = "DEV-%d-%05d".formatted(year, n);
                                Map<String, Object> vars = new HashMap<>(variables);
                                vars.put("contractNumber", copy);
                                engine.getRuntimeService().createProcessInstanceById(definitionId).businessKey(copy)
                                        .setVariables(vars).startBeforeActivity("Task_RecordSignature").execute();
                            }
                        });
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        jdbc.update("""
                UPDATE contract c SET process_instance_id = e.id_ FROM act_ru_execution e
                WHERE c.process_instance_id IS NULL AND e.business_key_ = c.number AND e.id_ = e.proc_inst_id_""");
        long lastId = jdbc.queryForObject("SELECT MAX(id) FROM contract", Long.class);
        long firstId = jdbc.queryForObject("SELECT id FROM contract WHERE number = ?", Long.class, template);
        return new long[] {firstId, lastId};
    }

    void waitForJobsToEnd() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && jdbc.queryForObject("""
                SELECT COUNT(*) FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
                WHERE d.key_ = 'training-contract' AND e.id_ = e.proc_inst_id_""", Integer.class) > 0) {
            Thread.sleep(100);
        }
    }

    /** Every contract expired exactly once, one expiry mail each, no incident, no job, no instance left. */
    void check(Result r, long firstId, long lastId) {
        String contracts = "c.id BETWEEN " + firstId + " AND " + lastId;
        problem(r, "contracts not EXPIRED", "SELECT COUNT(*) FROM contract c WHERE " + contracts + " AND c.stage <> 'EXPIRED'");
        problem(r, "contracts without exactly one STAGE_EXPIRED event", """
                SELECT COUNT(*) FROM contract c WHERE %s AND (SELECT COUNT(*) FROM contract_event e
                WHERE e.contract_id = c.id AND e.kind = 'STAGE_EXPIRED') <> 1""".formatted(contracts));
        problem(r, "contracts without exactly one expiry mail", """
                SELECT COUNT(*) FROM contract c WHERE %s AND (SELECT COUNT(*) FROM outbox_mail m
                WHERE m.contract_number = c.number AND m.letter = 'quote-expired') <> 1""".formatted(contracts));
        problem(r, "expiry reminders sent (they must stay in the future)", """
                SELECT COUNT(*) FROM outbox_mail m JOIN contract c ON c.number = m.contract_number
                WHERE %s AND m.letter = 'quote-expiry-reminder'""".formatted(contracts));
        problem(r, "incidents", "SELECT COUNT(*) FROM act_ru_incident");
        problem(r, "jobs left", "SELECT COUNT(*) FROM act_ru_job WHERE handler_type_ <> 'history-cleanup'");
        problem(r, "contract instances still running", """
                SELECT COUNT(*) FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
                WHERE d.key_ = 'training-contract'""");
        r.failedJobAttempts = jdbc.queryForObject("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1 AND timestamp_ > now() - interval '1 hour'",
                Integer.class);
    }

    void problem(Result r, String what, String countSql) {
        int n = jdbc.queryForObject(countSql, Integer.class);
        if (n != 0) {
            r.problems.add(n + " " + what);
        }
    }

    // --- settings

    Settings variant(String spec) {
        if (spec.equals("production")) {
            return production;
        }
        if (spec.equals("camunda-defaults")) {
            // Camunda's and Hikari's own defaults: what the app ran with before this tuning
            return new Settings("camunda-defaults", 3, 10, 3, 3, 5000, 60000, 300000, 0, 10, false, false, false,
                    production.removalTime);
        }
        String[] nameAndValues = spec.split(":", 2);
        Settings s = production.named(nameAndValues[0]);
        if (nameAndValues.length > 1) {
            for (String pair : nameAndValues[1].split(";")) {
                String[] kv = pair.split("=", 2);
                s = s.with(kv[0].trim(), kv[1].trim());
            }
        }
        return s;
    }

    void apply(Settings s) throws InterruptedException {
        ProcessEngineConfigurationImpl config = config();
        JobExecutor jobExecutor = config.getJobExecutor();
        jobExecutor.shutdown();
        if (jobExecutor instanceof SpringJobExecutor spring) {
            ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
            pool.setCorePoolSize(s.core);
            pool.setMaxPoolSize(s.max);
            pool.setQueueCapacity(s.queue);
            pool.setThreadNamePrefix("burst-job-");
            pool.initialize();
            spring.setTaskExecutor(pool);
        } else {
            throw new IllegalStateException("Unexpected job executor " + jobExecutor.getClass());
        }
        jobExecutor.setMaxJobsPerAcquisition(s.perAcquisition);
        jobExecutor.setWaitTimeInMillis(s.waitMillis);
        jobExecutor.setMaxWait(s.maxWait);
        jobExecutor.setLockTimeInMillis(s.lock);
        jobExecutor.setBackoffTimeInMillis(s.backoff);
        config.setJobExecutorAcquireByPriority(s.priority);
        config.setJobExecutorPreferTimerJobs(s.preferTimers);
        // read by the engine whenever an instance ends: "end" updates every history row's removal time then
        config.setHistoryRemovalTimeStrategy(s.removalTime);
        jdbc.execute(s.dueDateIndex ? "CREATE INDEX IF NOT EXISTS lexom_job_duedate_ix ON act_ru_job (duedate_)"
                : "DROP INDEX IF EXISTS lexom_job_duedate_ix");
        HikariDataSource hikari = hikari();
        hikari.getHikariConfigMXBean().setMaximumPoolSize(s.hikari);
        jobExecutor.start();
        System.out.println("Applied " + s);
    }

    ProcessEngineConfigurationImpl config() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    HikariDataSource hikari() {
        try {
            return dataSource.unwrap(HikariDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    record Settings(String name, int core, int max, int queue, int perAcquisition, int waitMillis, long maxWait, int lock,
                    int backoff, int hikari, boolean priority, boolean preferTimers, boolean dueDateIndex, String removalTime) {

        static Settings current(ProcessEngineConfigurationImpl config, HikariDataSource hikari, boolean dueDateIndex) {
            JobExecutor je = config.getJobExecutor();
            ThreadPoolTaskExecutor pool = (ThreadPoolTaskExecutor) ((SpringJobExecutor) je).getTaskExecutor();
            return new Settings("production", pool.getCorePoolSize(), pool.getMaxPoolSize(), pool.getQueueCapacity(),
                    je.getMaxJobsPerAcquisition(), je.getWaitTimeInMillis(), je.getMaxWait(), je.getLockTimeInMillis(),
                    je.getBackoffTimeInMillis(), hikari.getMaximumPoolSize(), config.isJobExecutorAcquireByPriority(),
                    config.isJobExecutorPreferTimerJobs(), dueDateIndex, config.getHistoryRemovalTimeStrategy());
        }

        Settings named(String n) {
            return new Settings(n, core, max, queue, perAcquisition, waitMillis, maxWait, lock, backoff, hikari, priority, preferTimers,
                    dueDateIndex, removalTime);
        }

        Settings with(String key, String v) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("core", core);
            m.put("max", max);
            m.put("queue", queue);
            m.put("perAcquisition", perAcquisition);
            m.put("wait", waitMillis);
            m.put("maxWait", maxWait);
            m.put("lock", lock);
            m.put("backoff", backoff);
            m.put("hikari", hikari);
            m.put("priority", priority);
            m.put("preferTimers", preferTimers);
            m.put("dueDateIndex", dueDateIndex);
            m.put("removalTime", removalTime);
            if (!m.containsKey(key)) {
                throw new IllegalArgumentException("Unknown setting " + key + ", one of " + m.keySet());
            }
            m.put(key, v);
            return new Settings(name, i(m, "core"), i(m, "max"), i(m, "queue"), i(m, "perAcquisition"), i(m, "wait"),
                    Long.parseLong(m.get("maxWait").toString()), i(m, "lock"), i(m, "backoff"), i(m, "hikari"),
                    Boolean.parseBoolean(m.get("priority").toString()), Boolean.parseBoolean(m.get("preferTimers").toString()),
                    Boolean.parseBoolean(m.get("dueDateIndex").toString()), m.get("removalTime").toString());
        }

        private static int i(Map<String, Object> m, String key) {
            return Integer.parseInt(m.get(key).toString());
        }

        String columns() {
            return "%d / %d / %d | %d | %d / %d | %d | %d | %d | %s | %s | %s".formatted(core, max, queue, perAcquisition, waitMillis,
                    maxWait, lock / 1000, backoff, hikari, priority ? "yes" : "no", dueDateIndex ? "yes" : "no", removalTime);
        }
    }

    // --- CPU: the JVM, the PostgreSQL backends of this database, the whole machine

    static final class Cpu {
        final JdbcTemplate jdbc;
        final long wallStart = System.nanoTime();
        final long jvmStart = jvmCpuNanos();
        final long[] machineStart = machineTicks();
        final Map<Integer, Long> backendStart = new HashMap<>();
        final Map<Integer, Long> backendLast = new HashMap<>();

        private Cpu(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        static Cpu start(JdbcTemplate jdbc) {
            Cpu cpu = new Cpu(jdbc);
            for (int pid : cpu.backends()) {
                cpu.backendStart.put(pid, ticks(pid));
            }
            return cpu;
        }

        List<Integer> backends() {
            return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Integer.class);
        }

        void sample() {
            for (int pid : backends()) {
                long t = ticks(pid);
                if (t >= 0) {
                    backendStart.putIfAbsent(pid, 0L);
                    backendLast.put(pid, t);
                }
            }
        }

        String stop() {
            sample();
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double jvm = (jvmCpuNanos() - jvmStart) / 1e9;
            long pgTicks = 0;
            for (var e : backendLast.entrySet()) {
                pgTicks += e.getValue() - backendStart.getOrDefault(e.getKey(), 0L);
            }
            double pg = pgTicks / 100.0;
            long[] machineEnd = machineTicks();
            double busy = machineEnd[0] - machineStart[0];
            double total = machineEnd[1] - machineStart[1];
            return "JVM %.0f cpu-s (%.0f %% of one core), PostgreSQL backends %.0f cpu-s (%.0f %%), machine busy %.0f %% of %d cores over %.0f s"
                    .formatted(jvm, 100 * jvm / wall, pg, 100 * pg / wall, total > 0 ? 100 * busy / total : -1.0,
                            Runtime.getRuntime().availableProcessors(), wall);
        }

        static long jvmCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** utime + stime of a process, in clock ticks (1/100 s), or -1. */
        static long ticks(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                return -1;
            }
        }

        /** busy and total ticks of the machine. */
        static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (Exception e) {
                return new long[] {0, 0};
            }
        }
    }

    // --- results

    static final class Result {
        final Settings settings;
        final int round;
        double seedSeconds;
        double firstSeconds = -1;
        double clearSeconds = -1;
        double statementsPerContract;
        int failedJobAttempts;
        String cpu = "";
        Map<String, Integer> waits = Map.of();
        final Map<String, Double> statements = new LinkedHashMap<>();
        final Map<String, Integer> activeQueries = new HashMap<>();
        final List<double[]> samples = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        final int n;

        Result(Settings settings, int round, int n) {
            this.settings = settings;
            this.round = round;
            this.n = n;
        }

        double throughput() {
            return clearSeconds > 0 ? n / clearSeconds : -1;
        }

        /** the best rate over 5 s windows, contracts (EXPIRED with their mail) per second */
        double peak() {
            double best = 0;
            for (double[] s : samples) {
                for (double[] e : samples) {
                    if (e[0] - s[0] >= 5 && e[0] - s[0] < 5.3) {
                        best = Math.max(best, (Math.min(e[1], e[2]) - Math.min(s[1], s[2])) / (e[0] - s[0]));
                    }
                }
            }
            return best;
        }

        String line() {
            return "%s round %d: seeded in %.1f s; first expiry %.1f s after T0; cleared in %s; %.0f contracts/s (peak %.0f/s over 5 s); %.0f statements per contract; %d failed job attempts; %s; %s"
                    .formatted(settings.name, round, seedSeconds, firstSeconds, clearSeconds > 0 ? "%.1f s".formatted(clearSeconds) : "NOT CLEARED",
                            throughput(), peak(), statementsPerContract, failedJobAttempts, cpu, problems.isEmpty() ? "correct" : problems);
        }
    }

    String report(List<Result> results) {
        List<String> out = new ArrayList<>();
        out.add("# Timer burst, " + java.time.OffsetDateTime.now(PARIS).withNano(0));
        out.add("");
        out.add("%d contracts whose quote validity ends at the same moment (%d through the start form, the others copied), job executor on, PostgreSQL (jit %s), history full; %d CPU cores."
                .formatted(CONTRACTS, REAL, jit, Runtime.getRuntime().availableProcessors()));
        out.add("Time to clear: from the moment every Timer_QuoteValidity is due until every contract is EXPIRED with its expiry mail in the outbox.");
        out.add("");
        out.add("| settings | round | job threads core / max / queue | jobs per acquisition | wait / max wait (ms) | lock (s) | backoff (ms) | Hikari max | acquire by priority | due-date index | history removal time | seeding (s) | first expiry (s) | time to clear (s) | contracts/s (mean / peak 5 s) | statements per contract | failed job attempts | correct |");
        out.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            out.add("| %s | %d | %s | %.0f | %.1f | %s | %.0f / %.0f | %.0f | %d | %s |".formatted(r.settings.name, r.round,
                    r.settings.columns(), r.seedSeconds, r.firstSeconds, r.clearSeconds > 0 ? "%.1f".formatted(r.clearSeconds) : "not cleared",
                    r.throughput(), r.peak(), r.statementsPerContract, r.failedJobAttempts, r.problems.isEmpty() ? "yes" : String.join("; ", r.problems)));
        }
        out.add("");
        out.add("| goal | figure | result |");
        out.add("|---|---|---|");
        Map<String, List<Double>> bySettings = new LinkedHashMap<>();
        for (Result r : results) {
            bySettings.computeIfAbsent(r.settings.name, k -> new ArrayList<>()).add(r.clearSeconds > 0 ? r.clearSeconds : Double.MAX_VALUE);
        }
        for (var e : bySettings.entrySet()) {
            List<Double> s = new ArrayList<>(e.getValue());
            Collections.sort(s);
            double median = s.get(s.size() / 2);
            out.add("| %s burst cleared in 60 s or less (%s) | %s (min / median / max over %d) | %s |".formatted(
                    "%,d-timer".formatted(CONTRACTS).replace(',', ' '), e.getKey(),
                    "%s / %s / %s".formatted(fmt(s.get(0)), fmt(median), fmt(s.get(s.size() - 1))), s.size(),
                    median <= GOAL_SECONDS ? "PASS" : "FAIL"));
        }
        out.add("");
        out.add("## Where the time went");
        for (Result r : results) {
            out.add("");
            out.add("**%s, round %d**: %s.".formatted(r.settings.name, r.round, r.cpu));
            out.add("PostgreSQL sessions of this database, by wait event (sum over the 250 ms samples): " + r.waits + ".");
            out.add("");
            out.add("Statements seen running in PostgreSQL (state active, 250 ms samples), most frequent first:");
            out.add("");
            r.activeQueries.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                    .forEach(e -> out.add("- %d × `%s`".formatted(e.getValue(), e.getKey().replace("`", "'"))));
            if (r == results.get(0)) {
                out.add("");
                out.add("| statements per contract | SQL (start) |");
                out.add("|---|---|");
                r.statements.forEach((sql, n) -> out.add("| %.2f | `%s` |".formatted(n, sql.replace("|", "\\|"))));
            }
            out.add("");
            out.add("| s after T0 | EXPIRED | expiry mails | contracts/s over the last 5 s |");
            out.add("|---|---|---|---|");
            double nextMark = 5;
            double[] previous = {0, 0, 0};
            for (double[] s : r.samples) {
                if (s[0] >= nextMark || s == r.samples.get(r.samples.size() - 1)) {
                    out.add("| %.1f | %.0f | %.0f | %.0f |".formatted(s[0], s[1], s[2],
                            (Math.min(s[1], s[2]) - Math.min(previous[1], previous[2])) / (s[0] - previous[0])));
                    previous = s;
                    nextMark = s[0] + 5;
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    static String fmt(double seconds) {
        return seconds == Double.MAX_VALUE ? "not cleared" : "%.1f s".formatted(seconds);
    }

    // --- helpers

    <T> T asSales(java.util.function.Supplier<T> work) {
        engine.getIdentityService().setAuthentication(TestUsers.SALES, List.of("sales"));
        try {
            return work.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    String definition() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("training-contract")
                .latestVersion().singleResult().getId();
    }

    static LocalDate today() {
        return LocalDate.now(PARIS);
    }
}
