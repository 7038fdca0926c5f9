package fr.lexom.contracts.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.lexom.contracts.process.AsSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The variables a Camunda Form lets its user submit: the first segment of each field's {@code key}, and of each group's
 * or dynamic list's {@code path} (their fields are bound under it), except a disabled field, which only shows a value
 * of the process (form-js never submits it). A task or a start carries no other variable from
 * outside the engine: the process's own variables (the contract's number, the flags its gateways read) are set by the
 * application, never by a submitted form.
 */
final class FormFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngineConfigurationImpl configuration;
    private final AsSystem application;
    /** By process definition id: a deployed definition's start form never changes. */
    private final Map<String, Set<String>> startForms = new ConcurrentHashMap<>();

    FormFields(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        this.application = new AsSystem(configuration.getIdentityService());
    }

    /** By process definition id and task definition key: a deployed definition's task forms never change. */
    private final Map<String, Set<String>> taskForms = new ConcurrentHashMap<>();

    /**
     * The fields of the task's deployed Camunda Form; empty if it has none (nothing may be submitted); null for an
     * unknown task (Camunda's own 404 follows). One read of the task, then the form's fields from memory (a task's form
     * changes only with a new deployment, that is a new definition id).
     */
    Set<String> ofTask(String taskId) {
        return asApplication(() -> {
            var task = configuration.getTaskService().createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                return null;
            }
            if (task.getProcessDefinitionId() == null) { // a standalone task: its form is its own
                return fields(() -> configuration.getFormService().getDeployedTaskForm(taskId));
            }
            return taskForms.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
                    key -> fields(() -> configuration.getFormService().getDeployedTaskForm(taskId)));
        });
    }

    /** The fields of the definition's deployed start form; empty if it has none. */
    Set<String> ofStart(String processDefinitionId) {
        return startForms.computeIfAbsent(processDefinitionId, id ->
                asApplication(() -> fields(() -> configuration.getFormService().getDeployedStartForm(id))));
    }

    /** The id of the latest definition of that key (a start by key), or null if there is none. */
    String latestDefinitionId(String key) {
        return asApplication(() -> {
            var definition = configuration.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().withoutTenantId().singleResult();
            return definition == null ? null : definition.getId();
        });
    }

    static Set<String> fields(Supplier<InputStream> form) {
        Set<String> fields = new TreeSet<>();
        try (InputStream in = form.get()) {
            collect(JSON.readTree(in), fields);
        } catch (BadUserRequestException noForm) { // NotFoundException included
            return Set.of(); // no deployed Camunda Form: nothing to submit
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable form", e);
        }
        return Set.copyOf(fields);
    }

    private static void collect(JsonNode node, Set<String> fields) {
        for (JsonNode component : node.path("components")) {
            if (component.path("disabled").asBoolean(false)) {
                continue; // shown only: a disabled field is never submitted (form-js leaves it out), nor accepted
            }
            String path = component.path("path").asText("");
            String key = component.path("key").asText("");
            if (!path.isEmpty()) {
                fields.add(path.split("\\.", 2)[0]); // a group or list binds its fields under its path
                continue;
            }
            if (!key.isEmpty()) {
                fields.add(key.split("\\.", 2)[0]);
            }
            collect(component, fields);
        }
    }

    /** Reads the engine as the application: a caller may submit a form it could not read through the API. */
    private <T> T asApplication(Supplier<T> read) {
        return application.run(read);
    }
}
