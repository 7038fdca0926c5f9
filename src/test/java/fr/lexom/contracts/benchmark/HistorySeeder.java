package fr.lexom.contracts.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Clones a handful of real lifecycles ("templates", driven to CLOSED through the real models) into many closed
 * contracts with set-based SQL on PostgreSQL: every row the templates left in the engine's history (ACT_HI_*, and
 * the history byte arrays in ACT_GE_BYTEARRAY, found by their root process instance) and in the domain tables
 * (contract, client, invoices, payments, documents, outbox, timeline...) is copied once per clone with
 * {@code INSERT ... SELECT ... FROM generate_series}, with
 * <ul>
 * <li>fresh engine ids, {@code md5(old id || ':' || clone)}, the same function everywhere so that references between
 * history rows (and contract.process_instance_id) stay consistent;</li>
 * <li>fresh domain ids, {@code old id + clone x stride};</li>
 * <li>fresh contract and invoice numbers, {@code DEV-2026-00003-4217}: every document number in a business key,
 * variable text, dedup key, reference or timeline detail gets the clone's suffix, so numbers stay consistent between
 * the engine and the app (Retention's {@code 'invoice/' || number} join still matches);</li>
 * <li>every timestamp and date moved back by the clone's age, spread evenly over {@code years}: clone g of n is
 * {@code g / n x years} old (the end times decide what the end-time based history cleanup removes).</li>
 * </ul>
 * One client per four contracts (a client of its own for each group, with its own SIRET).
 */
final class HistorySeeder {

    /** Engine columns that hold ids of rows cloned with the instance (mapped), as opposed to model or definition ids (kept). */
    static final Set<String> ENGINE_ID_COLUMNS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "process_instance_id_",
            "execution_id_", "act_inst_id_", "parent_act_inst_id_", "task_id_", "parent_task_id_", "var_inst_id_",
            "bytearray_id_", "call_proc_inst_id_", "super_process_instance_id_", "dec_inst_id_", "root_dec_inst_id_",
            "job_id_", "job_exception_stack_id_", "error_details_id_", "operation_id_", "cause_incident_id_",
            "root_cause_incident_id_", "ext_task_id_");
    /** Engine text columns that may name a contract or invoice number. */
    static final Set<String> ENGINE_NUMBER_COLUMNS = Set.of("business_key_", "text_");
    /** Domain foreign keys to cloned rows (shifted like the ids they point to). */
    static final Set<String> DOMAIN_FKS = Set.of("contract_id", "invoice_id", "participant_id", "mail_id", "document_id",
            "credited_invoice_id", "charge_invoice_id");
    /** Domain text columns that may contain a contract or invoice number. */
    static final Set<String> DOMAIN_NUMBER_COLUMNS = Set.of("number", "dedup_key", "contract_number", "reference", "detail",
            "subject", "file_name", "title");
    /** Connections inserting at once while seeding. */
    static final int THREADS = Integer.getInteger("benchmark.history.seed-threads", 4);
    /** Whether cloned documents keep their PDF bytes (about 38 kB each, five per contract) or a placeholder. */
    static final boolean DOCUMENT_CONTENT = Boolean.getBoolean("benchmark.history.document-content");
    static final String NUMBER_PATTERN = "'([A-Z]{2,4}-[0-9]{4}-[0-9]{5})'";

    /**
     * Domain tables in insertion order, each with the join that tells which template (tk.k) a row belongs to. Clients
     * and their contacts are cloned once per group of four contracts.
     */
    static final Map<String, String> DOMAIN_TABLES = new LinkedHashMap<>();

    static {
        DOMAIN_TABLES.put("client", "client t JOIN bench_template tk ON tk.client_id = t.id");
        DOMAIN_TABLES.put("client_contact", "client_contact t JOIN bench_template tk ON tk.client_id = t.client_id");
        DOMAIN_TABLES.put("contract", "contract t JOIN bench_template tk ON tk.contract_id = t.id");
        DOMAIN_TABLES.put("participant", "participant t JOIN bench_template tk ON tk.contract_id = t.contract_id");
        DOMAIN_TABLES.put("funding", "funding t JOIN bench_template tk ON tk.contract_id = t.contract_id");
        DOMAIN_TABLES.put("invoice", "invoice t JOIN bench_template tk ON tk.contract_id = t.contract_id");
        DOMAIN_TABLES.put("invoice_line", "invoice_line t JOIN invoice i ON i.id = t.invoice_id JOIN bench_template tk ON tk.contract_id = i.contract_id");
        DOMAIN_TABLES.put("payment", "payment t LEFT JOIN invoice i ON i.id = t.invoice_id JOIN bench_template tk ON tk.contract_id = COALESCE(t.contract_id, i.contract_id)");
        DOMAIN_TABLES.put("attendance", "attendance t JOIN participant p ON p.id = t.participant_id JOIN bench_template tk ON tk.contract_id = p.contract_id");
        DOMAIN_TABLES.put("contract_event", "contract_event t JOIN bench_template tk ON tk.contract_id = t.contract_id");
        DOMAIN_TABLES.put("collection_case", "collection_case t JOIN invoice i ON i.id = t.invoice_id JOIN bench_template tk ON tk.contract_id = i.contract_id");
        DOMAIN_TABLES.put("late_charge", "late_charge t JOIN invoice i ON i.id = t.invoice_id JOIN bench_template tk ON tk.contract_id = i.contract_id");
        DOMAIN_TABLES.put("inbound_event", "inbound_event t JOIN bench_template tk ON tk.number = t.contract_number");
        DOMAIN_TABLES.put("outbox_mail", "outbox_mail t JOIN bench_template tk ON tk.number = t.contract_number");
        DOMAIN_TABLES.put("document", "document t JOIN bench_template tk ON tk.number = t.contract_number");
        DOMAIN_TABLES.put("outbox_attachment", "outbox_attachment t JOIN outbox_mail o ON o.id = t.mail_id JOIN bench_template tk ON tk.number = o.contract_number");
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Double> seconds = new ConcurrentHashMap<>();
    private long stride;
    double indexSeconds;
    int indexCount;
    private int templates;

    HistorySeeder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the template contracts and their process instances (the contract's and its invoices' collections). */
    void prepare(List<String> templateNumbers, int clones, double years) {
        jdbc.execute("DROP TABLE IF EXISTS bench_template, bench_seed_pi, bench_seed_map, bench_seed_done");
        jdbc.execute("CREATE TABLE bench_template (k INT PRIMARY KEY, contract_id BIGINT NOT NULL, number VARCHAR(30) NOT NULL, "
                + "client_id BIGINT NOT NULL, pi VARCHAR(64) NOT NULL)");
        jdbc.update("INSERT INTO bench_template SELECT (ROW_NUMBER() OVER (ORDER BY id)) - 1, id, number, client_id, process_instance_id "
                + "FROM contract WHERE number = ANY (?)", (Object) templateNumbers.toArray(String[]::new));
        templates = jdbc.queryForObject("SELECT COUNT(*) FROM bench_template", Integer.class);
        jdbc.execute("CREATE TABLE bench_seed_pi (pi VARCHAR(64) PRIMARY KEY, k INT NOT NULL)");
        jdbc.update("""
                INSERT INTO bench_seed_pi
                SELECT p.id_, tk.k FROM act_hi_procinst p JOIN bench_template tk ON p.business_key_ = tk.number
                UNION
                SELECT p.id_, tk.k FROM act_hi_procinst p JOIN invoice i ON p.business_key_ = i.number
                  JOIN bench_template tk ON tk.contract_id = i.contract_id""");
        long maxId = 0;
        for (String table : DOMAIN_TABLES.keySet()) {
            if (columns(table).containsKey("id")) {
                maxId = Math.max(maxId, jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM " + table, Long.class));
            }
        }
        // the templates' rows, copied once: each chunk reads them here instead of in tables that grow
        for (String table : engineTables()) {
            jdbc.execute("DROP TABLE IF EXISTS bench_src_" + table);
            jdbc.execute("CREATE TABLE bench_src_" + table + " AS SELECT t.*, sp.k AS bench_k FROM " + table
                    + " t JOIN bench_seed_pi sp ON sp.pi = t.root_proc_inst_id_");
        }
        for (Map.Entry<String, String> table : DOMAIN_TABLES.entrySet()) {
            jdbc.execute("DROP TABLE IF EXISTS bench_src_" + table.getKey());
            jdbc.execute("CREATE TABLE bench_src_" + table.getKey() + " AS SELECT t.*, tk.k AS bench_k FROM " + table.getValue());
        }
        stride = Math.max(1000, (long) Math.pow(10, Math.ceil(Math.log10(maxId + 1))));
        if (stride * clones > Integer.MAX_VALUE) { // invoice.number_seq is an INT
            throw new IllegalStateException("Too many rows in the templates for " + clones + " clones: stride " + stride);
        }
        jdbc.execute("CREATE TABLE bench_seed_map (g INT PRIMARY KEY, k INT NOT NULL, g0 INT NOT NULL, shift INTERVAL NOT NULL, "
                + "shift_days INT NOT NULL, client_id BIGINT)");
        jdbc.update("""
                INSERT INTO bench_seed_map (g, k, g0, shift, shift_days)
                SELECT g, (g - 1) % ?, g - (g - 1) % 4, make_interval(secs => -(g::float8 / ?) * ? * 31557600), 0
                FROM generate_series(1, ?) g""", templates, clones, years, clones);
        jdbc.update("UPDATE bench_seed_map SET shift_days = FLOOR(EXTRACT(EPOCH FROM shift) / 86400)::int");
        jdbc.update("UPDATE bench_seed_map m SET client_id = tk.client_id + m.g0::bigint * ? FROM bench_template tk "
                + "WHERE tk.k = (m.g0 - 1) % ?", stride, templates);
    }

    /** Reads the templates recorded by {@link #prepare} in an earlier run. */
    void load() {
        templates = jdbc.queryForObject("SELECT COUNT(*) FROM bench_template", Integer.class);
    }

    int templates() {
        return templates;
    }

    /** Rows per template lifecycle in each engine table (by root process instance) and each domain table. */
    Map<String, Double> rowsPerLifecycle() {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (String table : engineTables()) {
            rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM bench_src_" + table, Long.class) / (double) templates);
        }
        for (String table : DOMAIN_TABLES.keySet()) {
            rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM bench_src_" + table, Long.class) / (double) templates);
        }
        return rows;
    }

    /** Engine history tables (and ACT_GE_BYTEARRAY), those whose rows carry their root process instance. */
    List<String> engineTables() {
        return jdbc.queryForList("""
                SELECT table_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND column_name = 'root_proc_inst_id_'
                  AND (table_name LIKE 'act\\_hi\\_%' OR table_name = 'act_ge_bytearray')
                ORDER BY table_name""", String.class);
    }

    /** Clones g in [from, to] (both included) in chunks; reports progress to {@code done} after each chunk. */
    void seed(int from, int to, int chunk, boolean engine, boolean domain, IntConsumer done) throws Exception {
        List<String> engineTables = engineTables();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        // a bulk load: the secondary indexes are dropped first and built again at the end (minutes instead of the
        // hour that maintaining the engine's 60-odd history indexes row by row takes); keys and constraints stay
        List<String> tables = new ArrayList<>(domain ? DOMAIN_TABLES.keySet() : List.of());
        if (engine) {
            tables.addAll(engineTables);
        }
        List<String> indexes = jdbc.queryForList("""
                SELECT i.indexdef FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""", String.class,
                (Object) tables.toArray(String[]::new));
        for (String definition : indexes) {
            jdbc.execute("DROP INDEX " + definition.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
        }
        try {
            for (int start = from; start <= to; start += chunk) {
                int end = Math.min(to, start + chunk - 1);
                String range = "m.g BETWEEN " + start + " AND " + end;
                // several connections: the domain tables in foreign-key order, and each engine table (the biggest in
                // two halves) on its own
                List<Runnable> inserts = new ArrayList<>();
                if (domain) {
                    inserts.add(() -> DOMAIN_TABLES.keySet().forEach(table -> timed(table, () -> jdbc.update(domainInsert(table, range)))));
                }
                if (engine) {
                    int middle = (start + end) / 2;
                    for (String table : engineTables) {
                        if (table.equals("act_hi_detail") && end > start) {
                            String first = "m.g BETWEEN " + start + " AND " + middle;
                            String second = "m.g BETWEEN " + (middle + 1) + " AND " + end;
                            inserts.add(() -> timed(table, () -> jdbc.update(engineInsert(table, first))));
                            inserts.add(() -> timed(table, () -> jdbc.update(engineInsert(table, second))));
                        } else {
                            inserts.add(() -> timed(table, () -> jdbc.update(engineInsert(table, range))));
                        }
                    }
                }
                List<Future<?>> running = new ArrayList<>();
                inserts.forEach(insert -> running.add(pool.submit(insert)));
                for (Future<?> insert : running) {
                    insert.get();
                }
                done.accept(end);
            }
        } finally {
            long start = System.nanoTime();
            List<Future<?>> builds = new ArrayList<>();
            for (String definition : indexes) {
                builds.add(pool.submit(() -> jdbc.execute(definition)));
            }
            for (Future<?> build : builds) {
                build.get();
            }
            pool.shutdown();
            indexSeconds = (System.nanoTime() - start) / 1e9;
            indexCount = indexes.size();
        }
        if (domain) {
            for (String table : DOMAIN_TABLES.keySet()) {
                if (columns(table).containsKey("id")) {
                    jdbc.queryForObject("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM " + table + "))",
                            Long.class);
                }
            }
        }
    }

    /** Seconds spent inserting into each table. */
    Map<String, Double> seconds() {
        return new TreeMap<>(seconds);
    }

    private void timed(String table, Runnable insert) {
        long start = System.nanoTime();
        insert.run();
        seconds.merge(table, (System.nanoTime() - start) / 1e9, Double::sum);
    }

    /** The clones whose engine history is gone (removed by the history cleanup of an earlier run). */
    List<Integer> clonesWithoutHistory() {
        return jdbc.queryForList("""
                SELECT m.g FROM bench_seed_map m JOIN bench_template tk ON tk.k = m.k
                WHERE NOT EXISTS (SELECT 1 FROM act_hi_procinst p WHERE p.id_ = md5(tk.pi || ':' || m.g))
                ORDER BY m.g""", Integer.class);
    }

    /** Clones the engine history again for these clones (their domain rows are still there). */
    void reseedEngine(List<Integer> clones) {
        jdbc.execute("DROP TABLE IF EXISTS bench_reseed");
        jdbc.execute("CREATE TABLE bench_reseed (g INT PRIMARY KEY)");
        jdbc.batchUpdate("INSERT INTO bench_reseed VALUES (?)", clones, 1000, (ps, g) -> ps.setInt(1, g));
        // rows an earlier cleanup left behind for removed instances (an earlier run without the app's operation log
        // sweep left their user operation log): they would collide with the clones' rows seeded again
        for (String table : engineTables()) {
            if (!table.equals("act_hi_procinst")) {
                jdbc.update("DELETE FROM " + table + " t WHERE t.root_proc_inst_id_ IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM act_hi_procinst p WHERE p.id_ = t.root_proc_inst_id_)");
            }
        }
        for (String table : engineTables()) {
            jdbc.update(engineInsert(table, "m.g IN (SELECT g FROM bench_reseed)"));
        }
    }

    String engineInsert(String table, String range) {
        Map<String, String> columns = columns(table);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        columns.forEach((column, type) -> {
            names.add(column);
            if (ENGINE_ID_COLUMNS.contains(column)) {
                values.add("md5(t." + column + " || ':' || m.g)");
            } else if (type.startsWith("timestamp")) {
                values.add("t." + column + " + m.shift");
            } else if (ENGINE_NUMBER_COLUMNS.contains(column)) {
                values.add("regexp_replace(t." + column + ", " + NUMBER_PATTERN + ", '\\1-' || m.g, 'g')");
            } else {
                values.add("t." + column);
            }
        });
        return "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
                + " FROM bench_src_" + table + " t JOIN bench_seed_map m ON m.k = t.bench_k AND " + range;
    }

    String domainInsert(String table, String range) {
        Map<String, String> columns = columns(table);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String shift = "m.g::bigint * " + stride;
        String siret = "'9' || lpad(m.g::text, 13, '0')";
        columns.forEach((column, type) -> {
            names.add(column);
            String c = "t." + column;
            String value = switch (table + "." + column) {
                case "client.siret" -> "CASE WHEN " + c + " IS NULL THEN NULL ELSE " + siret + " END";
                case "client.siren" -> "CASE WHEN " + c + " IS NULL THEN NULL ELSE left(" + siret + ", 9) END";
                case "outbox_mail.message_id" -> "'<' || md5(" + c + " || '-' || m.g) || '@lexom-training-contracts>'";
                case "payment.external_reference", "inbound_event.external_reference" -> c + " || '-' || m.g";
                // the PDFs are not read by what is measured: a clone keeps the template's size, not its bytes
                case "document.content" -> DOCUMENT_CONTENT ? c : "convert_to('%PDF-1.7 clone of document ' || t.id, 'UTF8')";
                case "invoice.number_seq" -> c + " + " + shift;
                case "contract.process_instance_id" -> "md5(" + c + " || ':' || m.g)";
                default -> null;
            };
            if (value == null) {
                if (column.equals("id") || DOMAIN_FKS.contains(column)) {
                    value = c + " + " + shift;
                } else if (column.equals("client_id")) {
                    value = "CASE WHEN " + c + " IS NULL THEN NULL ELSE m.client_id END";
                } else if (type.startsWith("timestamp")) {
                    value = c + " + m.shift";
                } else if (type.equals("date")) {
                    value = c + " + m.shift_days";
                } else if (DOMAIN_NUMBER_COLUMNS.contains(column)) {
                    value = "regexp_replace(" + c + ", " + NUMBER_PATTERN + ", '\\1-' || m.g, 'g')";
                } else {
                    value = c;
                }
            }
            values.add(value);
        });
        String once = table.startsWith("client") ? " AND m.g = m.g0" : "";
        return "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
                + " FROM bench_src_" + table + " t JOIN bench_seed_map m ON m.k = t.bench_k AND " + range + once;
    }

    /** Column name to data type, in table order. */
    Map<String, String> columns(String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        jdbc.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = ? ORDER BY ordinal_position", rs -> {
            columns.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }, table);
        return columns;
    }

    /** Rows and total size (table, indexes, TOAST) of each table. */
    Map<String, long[]> sizes(List<String> tables) {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        for (String table : tables) {
            long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
            long bytes = jdbc.queryForObject("SELECT pg_total_relation_size(?::regclass)", Long.class, table);
            sizes.put(table, new long[] {rows, bytes});
        }
        return sizes;
    }
}
