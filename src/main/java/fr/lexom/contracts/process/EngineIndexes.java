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
 * Two indexes Camunda's schema lacks, found by the timer burst (docs/performance.md, "Timer burst"); created after the
 * engine has created or updated its tables, so on a new database too, and a no-op once they exist.
 *
 * <ul>
 * <li>{@code lexom_job_duedate_ix}: the job executor's acquisition query looks for due, unlocked jobs; without it
 * PostgreSQL reads the whole job table at each acquisition, every timer not due yet (10 000 quote reminders in a
 * quote burst) and the rows of jobs already done included: 2 ms at the start of a burst, 45 ms halfway.</li>
 * <li>{@code lexom_task_parent_ix}: completing or deleting a task (every interrupted Task_RecordSignature when a quote
 * expires) looks for its subtasks by {@code PARENT_TASK_ID_}, a read of the whole task table without it: the more
 * quotes wait for their signature, the more each expiry costs.</li>
 * </ul>
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    static final String JOB_DUEDATE = "lexom_job_duedate_ix";
    static final String TASK_PARENT = "lexom_task_parent_ix";
    private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        String prefix = config.getDatabaseTablePrefix() == null ? "" : config.getDatabaseTablePrefix();
        create(config, JOB_DUEDATE, prefix + "ACT_RU_JOB", "DUEDATE_");
        create(config, TASK_PARENT, prefix + "ACT_RU_TASK", "PARENT_TASK_ID_");
    }

    private static void create(ProcessEngineConfigurationImpl config, String name, String table, String column) {
        try (Connection connection = config.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + column + ")");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // slower engine queries, not a reason to refuse to start
            LOG.warn("Could not create the index {} on {}: {}", name, table, e.getMessage());
        }
    }
}
