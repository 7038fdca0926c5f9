package fr.lexom.contracts.benchmark;

import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.identity.Groups;
import fr.lexom.contracts.privacy.Retention;
import fr.lexom.contracts.support.TestDatabase;
import fr.lexom.contracts.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9, part 3: years of history. Seeds 100 000 closed contracts (a few real lifecycles through the real models,
 * cloned by set-based SQL into the engine's history and the domain tables, ended over the last 5.5 years, see
 * {@link HistorySeeder}) and a few hundred running contracts; then measures, over HTTP as Tasklist and the other
 * systems call them, the contract-state API, each Tasklist filter (list and count) and the managers' view; then runs
 * Camunda's history cleanup on the share ended longer ago than its time to live, and the app's retention. Run with
 * {@code ./mvnw -Pbenchmark test -Dtest=HistoryBenchmark} (see docs/performance.md); {@code -Dbenchmark.history.reuse=true}
 * measures again on the database seeded by an earlier run.
 */
@Tag("benchmark")
@ExtendWith(TestDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the test profile turns the cleanup off; here it is what is measured
        properties = "camunda.bpm.generic-properties.properties.history-cleanup-enabled=true")
@ActiveProfiles("test")
@Import(TestUsers.class)
class HistoryBenchmark {

    static final int CLONES = Integer.getInteger("benchmark.history.contracts", 100_000);
    static final int TEMPLATES = Integer.getInteger("benchmark.history.templates", 20);
    static final int RUNNING = Integer.getInteger("benchmark.history.running", 300);
    static final int REQUESTS = Integer.getInteger("benchmark.history.requests", 200);
    static final double YEARS = Double.parseDouble(System.getProperty("benchmark.history.years", "5.5"));
    static final int CHUNK = Integer.getInteger("benchmark.history.chunk", 10_000);
    static final int CLEANUP_MINUTES = Integer.getInteger("benchmark.history.cleanup-minutes", 10);
    static final int RETENTION_SAMPLE = Integer.getInteger("benchmark.history.retention-sample", 300);
    static final boolean REUSE = Boolean.getBoolean("benchmark.history.reuse");
    /** false: no history cleanup (and, on a reused database, no new seeding of what an earlier cleanup removed). */
    static final boolean CLEANUP = !"false".equals(System.getProperty("benchmark.history.cleanup"));
    static final long GOAL_MS = 100;
    /** The user each filter is measured as: the first of these groups the filter is shared with. */
    static final Map<String, String> USER_OF_GROUP = new LinkedHashMap<>();

    static {
        USER_OF_GROUP.put(Groups.SALES, TestUsers.SALES);
        USER_OF_GROUP.put(Groups.ACCOUNTING, TestUsers.ACCOUNTING);
        USER_OF_GROUP.put(Groups.COORDINATION, TestUsers.COORDINATION);
        USER_OF_GROUP.put(Groups.DPO, TestUsers.DPO);
        USER_OF_GROUP.put(Groups.MANAGERS, TestUsers.MANAGER);
    }

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
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Retention retention;
    @Value("${camunda.bpm.generic-properties.properties.history-cleanup-batch-size:500}")
    int cleanupBatchSize;
    @Value("${camunda.bpm.generic-properties.properties.history-cleanup-degree-of-parallelism:1}")
    int cleanupParallelism;
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final List<String> report = new ArrayList<>();
    final List<String> goals = new ArrayList<>();

    @Test
    void yearsOfHistory() throws Exception {
        if (!TestDatabase.isPostgres()) {
            throw new IllegalStateException("The benchmark runs on PostgreSQL: ./mvnw -Pbenchmark test -Dtest=HistoryBenchmark");
        }
        ClockUtil.reset();
        users.ensureAll();
        // the Tasklist filters are timed through /engine-rest, which only administrators and the technical group pass:
        // its members keep their own authorizations, so the queries are those of a staff member in Tasklist
        USER_OF_GROUP.values().forEach(user -> {
            if (engine.getIdentityService().createUserQuery().userId(user).memberOfGroup(Groups.ENGINE_API).count() == 0) {
                engine.getIdentityService().createMembership(user, Groups.ENGINE_API);
            }
        });
        HistorySeeder seeder = new HistorySeeder(jdbc);
        report.add("# Years of history, " + OffsetDateTime.now(LifecycleDriver.PARIS).withNano(0));
        report.add("");
        seed(seeder);
        measureQueries();
        Map<String, Long> cleaned = CLEANUP ? cleanUp(seeder) : Map.of("not run (-Dbenchmark.history.cleanup=false)", 0L);
        Map<String, Integer> retained = applyRetention();

        report.add("");
        report.add("## Goals");
        report.add("");
        report.add("| goal | figure | result |");
        report.add("|---|---|---|");
        report.addAll(goals);
        String text = String.join("\n", report) + "\n";
        Path out = Path.of("target", "benchmark", "history.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("\n" + text);
        // a measurement, not a verification: the goals are printed PASS or FAIL; what is checked is that the figures
        // were measured
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contract WHERE stage = 'CLOSED'", Long.class))
                .as("closed contracts").isGreaterThanOrEqualTo(CLONES);
        org.assertj.core.api.Assertions.assertThat(goals).as("goals measured").hasSizeGreaterThanOrEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(cleaned).as("cleanup measured").isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(retained).as("retention measured").isNotNull();
    }

    // --- seeding

    void seed(HistorySeeder seeder) throws Exception {
        boolean seeded = REUSE && jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'bench_seed_done'",
                Integer.class) > 0 && jdbc.queryForObject("SELECT clones FROM bench_seed_done", Integer.class) == CLONES;
        if (seeded) {
            seeder.load();
            List<Integer> missing = CLEANUP ? seeder.clonesWithoutHistory() : List.of();
            long start = System.nanoTime();
            if (!missing.isEmpty()) {
                seeder.reseedEngine(missing);
                jdbc.execute("ANALYZE");
            }
            report.add("Database seeded by an earlier run (%s, %.0f s), reused; engine history of %d clones removed by an earlier cleanup seeded again in %.0f s."
                    .formatted(jdbc.queryForObject("SELECT seeded_at::text FROM bench_seed_done", String.class),
                            jdbc.queryForObject("SELECT seconds FROM bench_seed_done", Double.class), missing.size(), seconds(start)));
            report.add("");
            long open = engine.getTaskService().createTaskQuery().count();
            if (open < RUNNING / 2) { // an earlier run stopped before it made them
                long runningStart = System.nanoTime();
                long tasks = running(new LifecycleDriver(engine, invoices, payments, contracts, transaction));
                jdbc.execute("ANALYZE");
                report.add("%d running contracts made with %d open tasks, and ANALYZE, in %.0f s.".formatted(RUNNING, tasks, seconds(runningStart)));
                report.add("");
            }
            rowsPerLifecycle(seeder);
            sizes(seeder, "Tables");
            return;
        }
        LifecycleDriver driver = new LifecycleDriver(engine, invoices, payments, contracts, transaction);
        long start = System.nanoTime();
        List<String> templates = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> lifecycles = new ArrayList<>();
            for (int i = 0; i < TEMPLATES; i++) {
                lifecycles.add(pool.submit(() -> templates.add(driver.closedContract().number())));
            }
            for (Future<?> f : lifecycles) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double templateSeconds = seconds(start);
        seeder.prepare(templates, CLONES, YEARS);
        rowsPerLifecycle(seeder);
        long cloneStart = System.nanoTime();
        seeder.seed(1, CLONES, CHUNK, true, true, done -> System.out.printf(Locale.ROOT, "seeded %d of %d clones in %.0f s%n",
                done, CLONES, seconds(cloneStart)));
        double cloneSeconds = seconds(cloneStart);
        System.out.println("seconds per table: " + seeder.seconds());
        long runningStart = System.nanoTime();
        int openTasks = running(driver);
        double runningSeconds = seconds(runningStart);
        long analyzeStart = System.nanoTime();
        jdbc.execute("ANALYZE");
        double analyzeSeconds = seconds(analyzeStart);
        double total = seconds(start);
        jdbc.execute("CREATE TABLE bench_seed_done (clones INT, seconds DOUBLE PRECISION, seeded_at TIMESTAMP WITH TIME ZONE DEFAULT now())");
        jdbc.update("INSERT INTO bench_seed_done (clones, seconds) VALUES (?, ?)", CLONES, total);
        report.add("Seeded in %.0f s: %d real lifecycles to CLOSED (%.0f s), cloned %d times by SQL over %.1f years (%.0f s, %.0f clones/s), "
                .formatted(total, TEMPLATES, templateSeconds, CLONES, YEARS, cloneSeconds, CLONES / cloneSeconds)
                + "%d running contracts with %d open tasks (%.0f s), ANALYZE (%.0f s)."
                .formatted(RUNNING, openTasks, runningSeconds, analyzeSeconds));
        report.add("");
        report.add("Secondary indexes of the seeded tables dropped before and built again after: %d indexes in %.0f s (included above)."
                .formatted(seeder.indexCount, seeder.indexSeconds));
        report.add("");
        report.add("Seconds of INSERT ... SELECT per table (summed over the %d connections inserting at once)".formatted(HistorySeeder.THREADS) + ": "
                + seeder.seconds().entrySet().stream().map(e -> "%s %.0f".formatted(e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", ")) + ".");
        report.add("");
        sizes(seeder, "Tables after seeding");
    }

    void rowsPerLifecycle(HistorySeeder seeder) {
        report.add("Rows one real lifecycle leaves (mean over %d templates; engine rows found by their root process instance):"
                .formatted(seeder.templates()));
        report.add("");
        report.add("| table | rows per lifecycle |");
        report.add("|---|---|");
        seeder.rowsPerLifecycle().forEach((table, rows) -> report.add("| %s | %.1f |".formatted(table, rows)));
        report.add("");
    }

    void sizes(HistorySeeder seeder, String title) {
        List<String> tables = new ArrayList<>(seeder.engineTables());
        tables.addAll(HistorySeeder.DOMAIN_TABLES.keySet());
        report.add(title + ":");
        report.add("");
        report.add("| table | rows | size (MB, with indexes and TOAST) |");
        report.add("|---|---|---|");
        long rows = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> e : seeder.sizes(tables).entrySet()) {
            report.add("| %s | %d | %.0f |".formatted(e.getKey(), e.getValue()[0], e.getValue()[1] / 1e6));
            rows += e.getValue()[0];
            bytes += e.getValue()[1];
        }
        report.add("| total | %d | %.0f |".formatted(rows, bytes / 1e6));
        report.add("| database | | %.0f |".formatted(jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class) / 1e6));
        report.add("");
    }

    /** Running contracts, a third waiting at each of signature, deposit and attendance; half their tasks claimed. */
    int running(LifecycleDriver driver) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < RUNNING; i = next.getAndIncrement()) {
                        driver.runningContract(i % 3);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Task> open = engine.getTaskService().createTaskQuery().list();
        Map<String, String> claimer = Map.of("Task_RecordSignature", TestUsers.SALES, "Task_CollectDeposit", TestUsers.ACCOUNTING,
                "Task_RecordAttendance", TestUsers.COORDINATION);
        for (int i = 0; i < open.size(); i += 2) {
            Task task = open.get(i);
            String user = claimer.get(task.getTaskDefinitionKey());
            if (user != null && task.getAssignee() == null) {
                engine.getTaskService().claim(task.getId(), user);
            }
        }
        return open.size();
    }

    // --- queries, over HTTP

    void measureQueries() throws Exception {
        List<String> closed = jdbc.queryForList("SELECT number FROM contract WHERE stage = 'CLOSED' ORDER BY random() LIMIT ?",
                String.class, REQUESTS);
        report.add("## Queries (%d requests each after 10 of warm-up, one client, over HTTP on loopback; %d open tasks)"
                .formatted(REQUESTS, engine.getTaskService().createTaskQuery().count()));
        report.add("");
        report.add("| request | as | rows | p50 ms | p95 ms | max ms |");
        report.add("|---|---|---|---|---|---|");
        List<Long> all = new ArrayList<>();
        all.addAll(timed("GET /api/contracts/{number} (random closed contract)", TestUsers.ACCOUNTING, "-",
                i -> get("/api/contracts/" + closed.get(i % closed.size()), TestUsers.ACCOUNTING), true));
        for (Filter filter : engine.getFilterService().createFilterQuery().orderByFilterId().asc().list()) {
            String user = userFor(filter);
            if (user == null) {
                continue;
            }
            String body = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
                    + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
            String count = send(get("/engine-rest/filter/" + filter.getId() + "/count", user));
            timed("Tasklist « %s »: POST filter/{id}/list?firstResult=0&maxResults=15 (HAL)".formatted(filter.getName()), user,
                    count.replaceAll("\\D", ""), i -> HttpRequest.newBuilder(uri("/engine-rest/filter/" + filter.getId()
                            + "/list?firstResult=0&maxResults=15")).header("Authorization", basic(user))
                            .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), true);
            timed("Tasklist « %s »: GET filter/{id}/count".formatted(filter.getName()), user, count.replaceAll("\\D", ""),
                    i -> get("/engine-rest/filter/" + filter.getId() + "/count", user), true);
        }
        timed("GET /api/manager/stages", TestUsers.MANAGER, "-", i -> get("/api/manager/stages", TestUsers.MANAGER), false);
        timed("GET /api/manager/contracts?q={number} (search)", TestUsers.MANAGER, "-",
                i -> get("/api/manager/contracts?q=" + closed.get(i % closed.size()), TestUsers.MANAGER), false);
        timed("GET /api/manager/contracts/{number}/story (random closed)", TestUsers.MANAGER, "-",
                i -> get("/api/manager/contracts/" + closed.get(i % closed.size()) + "/story", TestUsers.MANAGER), false);
        report.add("");
        measureReports(closed);
    }

    /**
     * Issue 24: the yearly BPF of the busiest financial year (every invoice and attended half-day of the year read,
     * each figure with its contracts) as JSON, CSV and PDF, and the evidence ZIP of random closed contracts.
     */
    void measureReports(List<String> closed) throws Exception {
        Map<String, Object> busiest = jdbc.queryForMap("SELECT CAST(EXTRACT(YEAR FROM issued_on) AS INT) AS y, COUNT(*) AS n "
                + "FROM invoice GROUP BY 1 ORDER BY 2 DESC LIMIT 1");
        int year = ((Number) busiest.get("y")).intValue();
        long contracts = jdbc.queryForObject("SELECT COUNT(DISTINCT contract_id) FROM invoice WHERE EXTRACT(YEAR FROM issued_on) = ?",
                Long.class, year);
        long halfDays = jdbc.queryForObject("SELECT COUNT(*) FROM attendance WHERE present AND EXTRACT(YEAR FROM session_day) = ?",
                Long.class, year);
        report.add("## Reports (issue 24): the BPF of %d (%d invoices of %d contracts, %d half-days attended), the evidence ZIP"
                .formatted(year, ((Number) busiest.get("n")).longValue(), contracts, halfDays));
        report.add("");
        report.add("| request | runs | bytes | p50 ms | max ms |");
        report.add("|---|---|---|---|---|");
        timedBytes("GET /api/manager/bpf/" + year + " (JSON)", 5, i -> get("/api/manager/bpf/" + year, TestUsers.MANAGER));
        timedBytes("GET /api/manager/bpf/" + year + ".csv", 5, i -> download("/api/manager/bpf/" + year + ".csv"));
        timedBytes("GET /api/manager/bpf/" + year + ".pdf", 3, i -> download("/api/manager/bpf/" + year + ".pdf"));
        timedBytes("GET /api/contracts/{number}/evidence.zip (random closed)", 20,
                i -> download("/api/contracts/" + closed.get(i % closed.size()) + "/evidence.zip"));
        report.add("");
    }

    /** A manager's GET of a file, accepting whatever the file is (a browser's link). */
    HttpRequest download(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", basic(TestUsers.MANAGER)).header("Accept", "*/*").GET().build();
    }

    /** Times {@code runs} requests (after one of warm-up) whose answers may be large or binary. */
    void timedBytes(String label, int runs, IntFunction<HttpRequest> request) throws Exception {
        http.send(request.apply(runs), HttpResponse.BodyHandlers.discarding());
        List<Long> micros = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request.apply(i), HttpResponse.BodyHandlers.ofByteArray());
            micros.add((System.nanoTime() - start) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + " answered " + response.statusCode());
            }
            bytes = Math.max(bytes, response.body().length);
        }
        Collections.sort(micros);
        double p50 = pct(micros, 50) / 1000.0;
        double max = micros.get(micros.size() - 1) / 1000.0;
        report.add("| %s | %d | %d | %.1f | %.1f |".formatted(label, runs, bytes, p50, max));
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, max %.1f ms, %d bytes%n", label, p50, max, bytes);
    }

    /** Times {@link #REQUESTS} requests; a goal when {@code goal}. Returns the times in microseconds, sorted. */
    List<Long> timed(String label, String user, String rows, IntFunction<HttpRequest> request, boolean goal) throws Exception {
        for (int i = 0; i < 10; i++) {
            send(request.apply(i + REQUESTS));
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest r = request.apply(i);
            long start = System.nanoTime();
            send(r);
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        double p50 = pct(micros, 50) / 1000.0;
        double p95 = pct(micros, 95) / 1000.0;
        double max = micros.get(micros.size() - 1) / 1000.0;
        report.add("| %s | %s | %s | %.1f | %.1f | %.1f |".formatted(label, user, rows, p50, p95, max));
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms%n", label, p50, p95);
        if (goal) {
            goals.add("| %s <= %d ms p95 | p50 %.1f ms, p95 %.1f ms | %s |".formatted(label, GOAL_MS, p50, p95,
                    p95 <= GOAL_MS ? "PASS" : "FAIL"));
        }
        return micros;
    }

    String userFor(Filter filter) {
        List<String> groups = engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.FILTER)
                .resourceId(filter.getId()).list().stream().map(a -> a.getGroupId()).toList();
        return USER_OF_GROUP.entrySet().stream().filter(e -> groups.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    HttpRequest get(String path, String user) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).header("Accept", "application/json").GET().build();
    }

    String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    // --- history cleanup and retention

    Map<String, Long> cleanUp(HistorySeeder seeder) throws Exception {
        List<String> tables = seeder.engineTables();
        jdbc.execute("DROP TABLE IF EXISTS bench_due_roots");
        Map<String, long[]> before = dueRows(tables);
        long dueBefore = before.values().stream().mapToLong(v -> v[1]).sum();
        long start = System.nanoTime();
        engine.getHistoryService().cleanUpHistoryAsync(true);
        int executions = 0;
        long deadline = System.nanoTime() + CLEANUP_MINUTES * 60_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, cleanupParallelism));
        try {
            while (System.nanoTime() < deadline) {
                Date now = ClockUtil.getCurrentTime();
                List<Job> due = engine.getHistoryService().findHistoryCleanupJobs().stream()
                        .filter(j -> j.getDuedate() == null || !j.getDuedate().after(now)).toList();
                if (due.isEmpty()) {
                    break;
                }
                List<Future<?>> runs = new ArrayList<>();
                for (Job job : due) {
                    runs.add(pool.submit(() -> engine.getManagementService().executeJob(job.getId())));
                }
                for (Future<?> f : runs) {
                    f.get();
                }
                executions += due.size();
            }
        } finally {
            pool.shutdown();
        }
        // the operation log entries Camunda's end-time based cleanup leaves go with the app's nightly purge (Retention)
        long sweepStart = System.nanoTime();
        int operationLog = retention.removeOperationLogOfRemovedHistory(LifecycleDriver.today());
        double sweepSeconds = seconds(sweepStart);
        double seconds = seconds(start);
        Map<String, long[]> after = dueRows(tables);
        long removed = 0;
        report.add("## History cleanup (end-time based, batch size %d, degree of parallelism %d)".formatted(cleanupBatchSize,
                cleanupParallelism));
        report.add("");
        report.add("| table | rows before | of instances due | rows after | of due instances after |");
        report.add("|---|---|---|---|---|");
        Map<String, Long> removedPerTable = new LinkedHashMap<>();
        for (String table : tables) {
            long[] b = before.get(table);
            long[] a = after.get(table);
            report.add("| %s | %d | %d | %d | %d |".formatted(table, b[0], b[1], a[0], a[1]));
            removed += b[0] - a[0];
            removedPerTable.put(table, b[0] - a[0]);
        }
        long dueAfter = after.values().stream().mapToLong(v -> v[1]).sum();
        report.add("");
        report.add(("%d rows removed in %.1f s (%.0f rows/s) by %d executions of the cleanup job(s) and the app's sweep of the operation log"
                + " (%d entries in %.1f s); %d rows of instances due before, %d after.")
                .formatted(removed, seconds, removed / seconds, executions, operationLog, sweepSeconds, dueBefore, dueAfter));
        report.add("");
        goals.add("| history cleanup removes every row of the instances due (ended more than their time to live ago) | %d before, %d after, %.0f rows/s | %s |"
                .formatted(dueBefore, dueAfter, removed / seconds, dueBefore > 0 && dueAfter == 0 ? "PASS" : "FAIL"));
        return removedPerTable;
    }

    /**
     * Per table: rows, and rows of the process instances due for removal (ended longer ago than their definition's
     * historyTimeToLive; the cleanup is end-time based, no removal time is written). The due instances are listed once,
     * before the cleanup, in {@code bench_due_roots}: counted after it, a row left behind by a removed instance still
     * counts.
     */
    Map<String, long[]> dueRows(List<String> tables) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS bench_due_roots AS
                SELECT pi.id_ FROM act_hi_procinst pi JOIN act_re_procdef d ON d.id_ = pi.proc_def_id_
                WHERE pi.id_ = pi.root_proc_inst_id_ AND pi.end_time_ IS NOT NULL AND d.history_ttl_ IS NOT NULL
                  AND pi.end_time_ + d.history_ttl_ * INTERVAL '1 day' <= now()""");
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, new long[] {jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM " + table
                            + " WHERE root_proc_inst_id_ IN (SELECT id_ FROM bench_due_roots)", Long.class)});
        }
        return rows;
    }

    /**
     * Retention as the nightly job runs it, on a sample of {@link #RETENTION_SAMPLE} contracts due (ended more than
     * 5 years ago, not yet anonymised): the others due are marked anonymised without being measured (the seeded ones
     * are clones: what is measured is the time per contract); on a reused database, where an earlier run anonymised
     * them, the sample is made due by moving its last update back six years.
     */
    Map<String, Integer> applyRetention() {
        List<String> tables = List.of("contract", "client", "outbox_mail", "outbox_attachment", "document", "invoice", "contract_event");
        Map<String, Long> before = new LinkedHashMap<>();
        tables.forEach(t -> before.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Long.class)));
        String finished = fr.lexom.contracts.contract.ContractStage.finishedNames().stream().map(n -> "'" + n + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        String due = "personal_data_erased_at IS NULL AND stage IN (" + finished + ") AND updated_at < now() - interval '5 years'";
        long dueCount = jdbc.queryForObject("SELECT COUNT(*) FROM contract WHERE " + due, Long.class);
        if (dueCount > RETENTION_SAMPLE) {
            jdbc.update("UPDATE contract SET personal_data_erased_at = now() WHERE id IN (SELECT id FROM contract WHERE " + due
                    + " ORDER BY random() OFFSET ?)", RETENTION_SAMPLE);
        } else if (dueCount < RETENTION_SAMPLE) {
            jdbc.update("UPDATE contract SET updated_at = updated_at - interval '6 years' WHERE id IN (SELECT id FROM contract "
                    + "WHERE personal_data_erased_at IS NULL AND stage = 'CLOSED' AND updated_at >= now() - interval '5 years' "
                    + "ORDER BY random() LIMIT ?)", RETENTION_SAMPLE - dueCount);
        }
        long erasedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM contract WHERE personal_data_erased_at IS NOT NULL", Long.class);
        long start = System.nanoTime();
        Map<String, Integer> done = retention.apply(LifecycleDriver.today());
        double seconds = seconds(start);
        report.add("## Domain retention (privacy/Retention, as of today)");
        report.add("");
        int anonymised = done.getOrDefault("contractsAnonymised", 0);
        report.add("%d contracts were due (ended more than 5 years ago); Retention.apply measured on %d of them: %.1f s, %.0f ms per contract: %s."
                .formatted(dueCount, anonymised, seconds, anonymised == 0 ? 0 : seconds * 1000 / anonymised, done));
        report.add("");
        report.add("| table | rows before | rows after |");
        report.add("|---|---|---|");
        tables.forEach(t -> report.add("| %s | %d | %d |".formatted(t, before.get(t), jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Long.class))));
        long erasedAfter = jdbc.queryForObject("SELECT COUNT(*) FROM contract WHERE personal_data_erased_at IS NOT NULL", Long.class);
        report.add("| contracts anonymised (personal_data_erased_at set) | %d | %d |".formatted(erasedBefore, erasedAfter));
        report.add("");
        goals.add("| retention anonymises contracts ended more than 5 years ago (no goal) | %d contracts in %.1f s, %.0f ms each | - |"
                .formatted(anonymised, seconds, anonymised == 0 ? 0 : seconds * 1000 / anonymised));
        return done;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static long pct(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
