package fr.lexom.contracts.process;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The static settings of a task, written in the model as {@code camunda:property} (the letter a task sends, the
 * stage it sets, the kind of invoice it issues...). They are configuration, not data: read from the deployed model
 * (cached per process definition and activity), never written as variables, so they cost no row at runtime and
 * none in history.
 */
public final class TaskProperties {

    private static final Map<String, Map<String, String>> CACHE = new ConcurrentHashMap<>();

    private TaskProperties() {
    }

    /** The property {@code name} of the activity being executed; fails the job when the model lacks it. */
    public static String required(DelegateExecution execution, String name) {
        return optional(execution, name).orElseThrow(() -> new IllegalStateException(
                "Task " + execution.getCurrentActivityId() + " has no '" + name + "' property in its model"));
    }

    public static Optional<String> optional(DelegateExecution execution, String name) {
        String key = execution.getProcessDefinitionId() + "/" + execution.getCurrentActivityId();
        return Optional.ofNullable(CACHE.computeIfAbsent(key, k -> read(execution)).get(name));
    }

    private static Map<String, String> read(DelegateExecution execution) {
        BaseElement element = execution.getBpmnModelElementInstance();
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return Map.of();
        }
        Map<String, String> properties = new java.util.HashMap<>();
        for (CamundaProperties block : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : block.getCamundaProperties()) {
                properties.put(property.getCamundaName(), property.getCamundaValue());
            }
        }
        return Map.copyOf(properties);
    }
}
