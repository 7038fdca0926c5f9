package fr.lexom.contracts.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes the app needs on the engine's own tables, beyond Camunda's. They are created here, once the engine has
 * created or updated its schema (postProcessEngineBuild), and not by a Flyway migration: on a new database Flyway may
 * run before the engine creates its ACT_* tables (see spring.flyway.baseline-on-migrate), and a migration guarded by
 * "if the table exists" would then be recorded as applied without creating anything.
 *
 * <p>On PostgreSQL (production) {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS}, so that adding one to a database
 * with years of history does not block the engine's writes while it is built; on H2 (the demo) a plain
 * {@code CREATE INDEX IF NOT EXISTS}. A failure is logged, never fatal: an index makes a query faster, it changes no
 * result.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

    /**
     * Name to definition, on every database. Why each one is there (found by the timer burst, docs/performance.md):
     * <ul>
     * <li>{@code lexom_job_duedate_ix}: the job executor's acquisition query looks for due, unlocked jobs; without it
     * PostgreSQL reads the whole job table at each acquisition, every timer not due yet (10 000 quote reminders in a
     * quote burst) and the rows of jobs already done included: 2 ms at the start of a burst, 45 ms halfway.</li>
     * <li>{@code lexom_task_parent_ix}: completing or deleting a task (every interrupted Task_RecordSignature when a
     * quote expires) looks for its subtasks by {@code PARENT_TASK_ID_}, a read of the whole task table without it:
     * the more quotes wait for their signature, the more each expiry costs.</li>
     * </ul>
     */
    static final Map<String, String> ALL = Map.of(
            "lexom_job_duedate_ix", "ACT_RU_JOB (DUEDATE_)",
            "lexom_task_parent_ix", "ACT_RU_TASK (PARENT_TASK_ID_)");

    /**
     * Name to definition, on PostgreSQL only (a partial index; H2 is the demo database). Found by the years-of-history
     * benchmark:
     * <ul>
     * <li>{@code lexom_hi_varinst_contract}: the erasure and retention of a contract's personal data (G1) find the
     * instances that name the contract by {@code variableValueEquals("contractNumber", number)} on ACT_HI_VARINST.
     * Camunda's indexes on that table cover NAME_ and VAR_TYPE_, not the value: with years of history every lookup
     * read every contractNumber variable (two per contract, 200 000 with 100 000 contracts). A partial B-tree, on the
     * values of that one variable only: a B-tree on every TEXT_ would refuse a value longer than about 2 700 bytes
     * (TEXT_ holds up to 4 000 characters), and a hash index on TEXT_ (tried first) took minutes to build and is slow
     * on the values repeated in every contract (stages, yes/no).</li>
     * </ul>
     */
    static final Map<String, String> POSTGRES = Map.of(
            "lexom_hi_varinst_contract", "ACT_HI_VARINST (TEXT_) WHERE NAME_ = 'contractNumber'");
    private final DataSource dataSource;

    EngineIndexes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        String prefix = tablePrefix(configuration);
        if (!"postgres".equals(configuration.getDatabaseType())) {
            ALL.forEach((name, definition) -> execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + prefix + definition, name));
            return;
        }
        java.util.Map<String, String> indexes = new java.util.TreeMap<>(ALL);
        indexes.putAll(POSTGRES);
        indexes.forEach((name, definition) ->
                execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + prefix + definition, name));
    }

    /** The prefix of the engine's table names ({@code ""} unless configured). */
    static String tablePrefix(ProcessEngineConfigurationImpl configuration) {
        return configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    }

    private void execute(String sql, String name) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true); // CONCURRENTLY (PostgreSQL) runs outside a transaction
            statement.execute(sql);
        } catch (SQLException e) {
            LOG.warn("Index {} on the engine's tables: {} failed: {}", name, sql, e.getMessage());
        }
    }
}
