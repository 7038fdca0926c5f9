package fr.lexom.contracts.security;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's services whose commands cannot be judged from the command alone (see {@link EngineGuard}). */
final class GuardedServices {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedServices.class);

    private GuardedServices() {
    }

    /**
     * Jobs: Camunda checks the caller's right to execute a job inside the job's own execution, so a refusal counted as
     * the job failing: each 403 cost the job a retry, and three of them left a quote's reminder timer with none and an
     * incident. The right is checked here first, in a command of its own, before the job is touched.
     */
    static final class Management extends ManagementServiceImpl {

        private final ProcessEngineConfigurationImpl configuration;

        Management(ProcessEngineConfigurationImpl configuration) {
            super(configuration);
            this.configuration = configuration;
        }

        @Override
        public void executeJob(String jobId) {
            Authentication caller = Callers.fromOutside() ? Callers.user(configuration) : null;
            if (caller == null) { // the application itself (no user): no right to check, no read to spend
                super.executeJob(jobId);
                return;
            }
            commandExecutor.execute(context -> {
                JobEntity job = jobId == null ? null : context.getJobManager().findJobById(jobId);
                if (job != null) { // an unknown job is Camunda's own 404, below
                    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                        checker.checkUpdateJob(job);
                    }
                }
                return null;
            });
            super.executeJob(jobId);
        }
    }

    /**
     * Filters: a Tasklist filter's list or count may be extended by the caller's own query, whose or-queries were
     * evaluated with their expressions; and a filter saved by a non-administrator would run its expressions for whoever
     * lists it. The stored filters the application creates keep their expressions ({@code ${currentUser()}}).
     */
    static final class Filters extends FilterServiceImpl {

        private final ProcessEngineConfigurationImpl configuration;

        Filters(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public Filter saveFilter(Filter filter) {
            Authentication caller = Callers.fromOutside() ? Callers.user(configuration) : null;
            if (caller != null && filter != null && filter.getQuery() instanceof TaskQueryImpl query
                    && EngineGuard.hasExpressions(query) && !Callers.isAdmin(configuration, caller)) {
                LOG.warn("Engine guard refused a filter with expressions saved by user {}", caller.getUserId());
                throw new BadUserRequestException("Only administrators may save a filter with expressions"
                        + " (LEXOM engine guard).");
            }
            return super.saveFilter(filter);
        }

        @Override
        public <T, Q extends Query<?, T>> List<T> list(String filterId, Q extendingQuery) {
            checkExtending(extendingQuery);
            return super.list(filterId, extendingQuery);
        }

        @Override
        public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult, int maxResults) {
            checkExtending(extendingQuery);
            return super.listPage(filterId, extendingQuery, firstResult, maxResults);
        }

        @Override
        public <T, Q extends Query<?, T>> T singleResult(String filterId, Q extendingQuery) {
            checkExtending(extendingQuery);
            return super.singleResult(filterId, extendingQuery);
        }

        @Override
        public Long count(String filterId, Query<?, ?> extendingQuery) {
            checkExtending(extendingQuery);
            return super.count(filterId, extendingQuery);
        }

        private void checkExtending(Query<?, ?> extendingQuery) {
            if (extendingQuery instanceof TaskQueryImpl query) {
                EngineGuard.refuseAdhocExpressions(configuration, query);
            }
        }
    }
}
