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
 * <p>On PostgreSQL only (production; the embedded H2 database is a demo): {@code CREATE INDEX CONCURRENTLY IF NOT
 * EXISTS}, so that adding one to a database with years of history does not block the engine's writes while it is
 * built. A failure is logged, never fatal: an index makes a query faster, it changes no result.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

    /**
     * Name to definition. Why each one is there:
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
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        POSTGRES.forEach((name, definition) -> execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + definition, name));
    }

    private void execute(String sql, String name) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true); // CONCURRENTLY runs outside a transaction
            statement.execute(sql);
        } catch (SQLException e) {
            LOG.warn("Index {} on the engine's tables: {} failed: {}", name, sql, e.getMessage());
        }
    }
}
