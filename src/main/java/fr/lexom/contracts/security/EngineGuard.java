package fr.lexom.contracts.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
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
 * <li>a user who may work a task could complete it, or submit its form, with any variable: the contract's number of
 * another client's contract (the delegates then recorded the acceptance on that one), a flag a gateway reads. A task
 * or a start carries the fields of its Camunda Form only ({@link FormFields}), and process variables are set by the
 * application, never directly from outside (administrators excepted, for repairs).</li>
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
            EvaluateStartConditionCmd.class, SetVariablesToProcessInstancesBatchCmd.class,
            SetExecutionVariablesCmd.class, PatchExecutionVariablesCmd.class, RemoveExecutionVariablesCmd.class,
            SetTaskVariablesCmd.class, PatchTaskVariablesCmd.class, RemoveTaskVariablesCmd.class);

    private static final CommandFields SUBMITTED_TASK = new CommandFields(SubmitTaskFormCmd.class, "taskId");
    private static final CommandFields SUBMITTED_TASK_VALUES = new CommandFields(SubmitTaskFormCmd.class, "properties");
    private static final CommandFields COMPLETED_TASK = new CommandFields(CompleteTaskCmd.class, "taskId");
    private static final CommandFields COMPLETED_TASK_VALUES = new CommandFields(CompleteTaskCmd.class, "variables");
    private static final CommandFields SUBMITTED_START = new CommandFields(SubmitStartFormCmd.class, "processDefinitionId");
    private static final CommandFields SUBMITTED_START_VALUES = new CommandFields(SubmitStartFormCmd.class, "variables");
    private static final CommandFields START = new CommandFields(StartProcessInstanceCmd.class, "instantiationBuilder");

    private final ProcessEngineConfigurationImpl configuration;
    private final FormFields forms;

    EngineGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        this.forms = new FormFields(configuration);
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
            refuseAdhocExpressions(configuration, query);
            return;
        }
        boolean adminOnly = ADMIN_ONLY.contains(command.getClass());
        boolean carriesForm = command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd
                || command instanceof SubmitStartFormCmd || command instanceof StartProcessInstanceCmd;
        if (!adminOnly && !carriesForm) {
            return;
        }
        Authentication caller = Callers.user(configuration);
        if (caller == null || Callers.isAdmin(configuration, caller)) {
            return;
        }
        if (carriesForm) {
            checkFormFields(command, caller);
            return;
        }
        LOG.warn("Engine guard refused {} to user {} (administrators only)", command.getClass().getSimpleName(),
                caller.getUserId());
        throw new AuthorizationException("The user with id '" + caller.getUserId() + "' may not "
                + describe(command) + ": only administrators may (LEXOM engine guard).");
    }

    /** Refuses the variables a task's or a start's form does not have (400 naming them, in French). */
    private void checkFormFields(Command<?> command, Authentication caller) {
        Map<String, ?> values;
        Set<String> fields;
        String where;
        if (command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd) {
            boolean form = command instanceof SubmitTaskFormCmd;
            values = form ? SUBMITTED_TASK_VALUES.read(command) : COMPLETED_TASK_VALUES.read(command);
            if (values == null || values.isEmpty()) {
                return;
            }
            String taskId = form ? SUBMITTED_TASK.read(command) : COMPLETED_TASK.read(command);
            fields = forms.ofTask(taskId);
            if (fields == null) {
                return; // an unknown task: Camunda's own 404
            }
            where = "task " + taskId;
        } else {
            String definitionId;
            if (command instanceof SubmitStartFormCmd) {
                values = SUBMITTED_START_VALUES.read(command);
                definitionId = SUBMITTED_START.read(command);
            } else {
                ProcessInstantiationBuilderImpl builder = START.read(command);
                values = builder.getVariables();
                definitionId = builder.getProcessDefinitionId() != null ? builder.getProcessDefinitionId()
                        : forms.latestDefinitionId(builder.getProcessDefinitionKey());
            }
            if (values == null || values.isEmpty() || definitionId == null) {
                return; // nothing submitted, or an unknown definition: Camunda's own answer
            }
            fields = forms.ofStart(definitionId);
            where = "start of " + definitionId;
        }
        if (command instanceof CompleteTaskCmd || command instanceof StartProcessInstanceCmd) {
            // no form handler sees these values: the text rules the forms apply (FormTextCheck), here
            @SuppressWarnings("unchecked")
            Map<String, Object> submitted = (Map<String, Object>) values;
            FormTextCheck.check(submitted);
        }
        Collection<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(fields);
        if (!unknown.isEmpty()) {
            LOG.warn("Engine guard refused variables {} outside the form ({}) from user {}", unknown, where,
                    caller.getUserId());
            String message = "Le formulaire ne comporte pas ces champs : " + String.join(", ", unknown)
                    + ". Seuls les champs du formulaire peuvent être envoyés (LEXOM engine guard).";
            if (command instanceof StartProcessInstanceCmd) {
                // a start without its form: not a wrong value but a door that is not the user's (REST answers 403)
                throw new AuthorizationException(message);
            }
            // the one refusal the engine's REST API answers with 400 for a form (any other is a 500 there)
            throw new FormFieldValidationException(unknown.iterator().next(), message);
        }
    }

    /**
     * Refuses an ad-hoc task query that holds an expression in any of its parts (its top level and each or-query),
     * with Camunda's own wording, unless the engine allows expressions in ad-hoc queries.
     */
    static void refuseAdhocExpressions(ProcessEngineConfigurationImpl configuration, TaskQueryImpl query) {
        if (configuration.isEnableExpressionsInAdhocQueries() || !hasExpressions(query)) {
            return;
        }
        Authentication caller = Callers.user(configuration);
        LOG.warn("Engine guard refused a task query with expressions from user {}",
                caller == null ? "(application)" : caller.getUserId());
        throw new BadUserRequestException("Expressions are forbidden in adhoc queries, or-queries included"
                + " (LEXOM engine guard).");
    }

    /** Whether any part of the task query (its top level, each or-query) holds an expression. */
    static boolean hasExpressions(TaskQueryImpl query) {
        List<TaskQueryImpl> queries = query.getQueries();
        return (queries == null || queries.isEmpty() ? List.of(query) : queries).stream()
                .anyMatch(part -> !part.getExpressions().isEmpty());
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
        if (name.endsWith("BatchCmd")) {
            return "set variables on many process instances";
        }
        return "set, change or remove process or task variables (they change through the task forms)";
    }
}
