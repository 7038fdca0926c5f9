package fr.lexom.contracts.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every job has a due date ({@code ensure-job-due-date-not-null} in application.yaml): an asynchronous continuation
 * is due when it is created. The job executor then looks for due jobs with {@code DUEDATE_ <= now} alone instead of
 * {@code DUEDATE_ IS NULL OR DUEDATE_ <= now}: PostgreSQL reads {@code lexom_job_duedate_ix} with a plain index scan,
 * which marks the entries of jobs already done as dead and skips them at the next acquisition, where the two-branch
 * condition needed a bitmap scan that visited every done job of a timer burst again at each acquisition
 * (docs/performance.md, "Timer burst").
 *
 * <p>With that setting the job executor no longer picks up a job without a due date. Jobs written before it was set
 * (a database upgraded from an earlier version of the app) are given one here, at every start, once the engine is
 * built: due now, as the engine would have run them. Every node of a cluster must run with the same setting.
 */
@Component
class JobDueDates extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(JobDueDates.class);

    private final DataSource dataSource;

    JobDueDates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        if (configuration.isEnsureJobDueDateNotNull()) {
            int dated = dateJobsWithoutDueDate(EngineIndexes.tablePrefix(configuration));
            if (dated > 0) {
                LOG.info("{} jobs written without a due date are due now", dated);
            }
        }
    }

    /**
     * Gives the jobs without a due date the engine's current time as due date; returns how many. The engine's clock,
     * to the millisecond, not the database's {@code CURRENT_TIMESTAMP}: the job executor compares due dates with the
     * engine's time, and a database time a few microseconds later made a job not yet due within the same millisecond.
     */
    int dateJobsWithoutDueDate(String prefix) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE " + prefix + "ACT_RU_JOB SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL")) {
            connection.setAutoCommit(true);
            statement.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Jobs without a due date could not be given one: " + e.getMessage(), e);
        }
    }
}
