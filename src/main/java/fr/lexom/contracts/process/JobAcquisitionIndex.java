package fr.lexom.contracts.process;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index on the jobs' due date, which Camunda's schema lacks. The job executor's acquisition query looks for due,
 * unlocked jobs; without this index PostgreSQL reads the whole job table at each acquisition, including every timer
 * that is not due yet (10 000 quote reminders in a quote burst) and the rows of jobs already done, so each
 * acquisition costs more as a burst proceeds (measured: 2 ms at its start, 45 ms halfway; docs/performance.md,
 * "Timer burst"). Created after the engine has created or updated its tables, so on a new database too; a no-op
 * once it exists.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "lexom_job_duedate_ix";
    private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        String table = (config.getDatabaseTablePrefix() == null ? "" : config.getDatabaseTablePrefix()) + "ACT_RU_JOB";
        try (Connection connection = config.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS " + NAME + " ON " + table + " (DUEDATE_)");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // slower job acquisition, not a reason to refuse to start
            LOG.warn("Could not create the index {} on {}: {}", NAME, table, e.getMessage());
        }
    }
}
