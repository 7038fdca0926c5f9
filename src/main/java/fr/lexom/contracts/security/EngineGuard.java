package fr.lexom.contracts.security;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own check of every command, whatever door it came through ({@code /engine-rest}, the webapps'
 * {@code /camunda/api/engine} behind Tasklist and Cockpit, the app's {@code /api}, Java). Camunda 7.24.0 CE is never
 * patched upstream, and its authorizations let a logged-in user do more than a LEXOM staff member should:
 * <ul>
 * <li>an ad-hoc task query refuses expressions at its top level only: in its {@code orQueries} they were evaluated,
 * any Java method included (an OS command run by a sales login). Refused here at every level, as the top level is
 * (the stored Tasklist filters, which are not ad-hoc, keep {@code ${currentUser()}});</li>
 * <li>{@code CREATE_INSTANCE} let a start carry start instructions (begin at any activity, skip listeners and
 * input/output mappings) and {@code UPDATE} let an instance be modified, restarted, migrated, or sent a message or
 * signal: each one forges a contract's steps (a cancellation letter mailed, an invoice number consumed). The
 * application moves contracts itself (messages it correlates as the system, after its own checks); from outside,
 * these are for administrators only.</li>
 * </ul>
 * Only calls from outside the engine are judged: code the engine runs (a delegate correlating a message) is the
 * application, checked when its own command came in.
 */
public class EngineGuard extends CommandInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(EngineGuard.class);

    /** Commands that move an instance elsewhere than its model would: administrators only, when called from outside. */
    static final Set<Class<?>> ADMIN_ONLY = Set.of(
            StartProcessInstanceAtActivitiesCmd.class,
            ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
            ProcessInstanceModificationCmd.class, ProcessInstanceModificationBatchCmd.class,
            RestartProcessInstancesCmd.class, RestartProcessInstancesBatchCmd.class,
            MigrateProcessInstanceCmd.class, MigrateProcessInstanceBatchCmd.class,
            CorrelateMessageCmd.class, CorrelateAllMessageCmd.class, CorrelateAllMessageBatchCmd.class,
            MessageEventReceivedCmd.class, SignalEventReceivedCmd.class, SignalCmd.class,
            EvaluateStartConditionCmd.class, SetVariablesToProcessInstancesBatchCmd.class);

    private final ProcessEngineConfigurationImpl configuration;

    EngineGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (Callers.fromOutside()) {
            check(command);
        }
        return next.execute(command);
    }

    private void check(Command<?> command) {
        if (command instanceof TaskQueryImpl query) {
            // executed as a command, so created with the engine's executor: an ad-hoc query (TaskService, REST)
            refuseExpressions(query, "adhoc");
            return;
        }
        if (ADMIN_ONLY.contains(command.getClass())) {
            Authentication caller = Callers.user(configuration);
            if (caller != null && !Callers.isAdmin(configuration, caller)) {
                LOG.warn("Engine guard refused {} to user {} (administrators only)", command.getClass().getSimpleName(),
                        caller.getUserId());
                throw new AuthorizationException("The user with id '" + caller.getUserId() + "' may not "
                        + describe(command) + ": only administrators may (LEXOM engine guard).");
            }
        }
    }

    /**
     * Refuses a task query that holds an expression in any of its parts (its top level and each or-query), with
     * Camunda's own wording; {@code kind} names the query in the message ("adhoc", "stored", "extending").
     */
    void refuseExpressions(TaskQueryImpl query, String kind) {
        if ("adhoc".equals(kind) && configuration.isEnableExpressionsInAdhocQueries()) {
            return;
        }
        List<TaskQueryImpl> queries = query.getQueries();
        for (TaskQueryImpl part : queries == null || queries.isEmpty() ? List.of(query) : queries) {
            if (!part.getExpressions().isEmpty()) {
                Authentication caller = Callers.user(configuration);
                LOG.warn("Engine guard refused a task query with expressions {} from user {}", part.getExpressions().keySet(),
                        caller == null ? "(application)" : caller.getUserId());
                throw new BadUserRequestException("Expressions are forbidden in " + kind + " queries, or-queries included"
                        + " (LEXOM engine guard).");
            }
        }
    }

    private static String describe(Command<?> command) {
        String name = command.getClass().getSimpleName();
        if (name.startsWith("StartProcessInstanceAtActivities")) {
            return "start a process instance with start instructions (or skipped listeners or mappings)";
        }
        if (name.contains("Modification") || name.startsWith("Modify")) {
            return "modify a process instance";
        }
        if (name.startsWith("Restart")) {
            return "restart a process instance";
        }
        if (name.startsWith("Migrate")) {
            return "migrate a process instance";
        }
        if (name.contains("Message")) {
            return "correlate a message";
        }
        if (name.startsWith("Signal")) {
            return "signal an execution";
        }
        if (name.startsWith("EvaluateStartCondition")) {
            return "evaluate start conditions";
        }
        return "set variables on many process instances";
    }
}
