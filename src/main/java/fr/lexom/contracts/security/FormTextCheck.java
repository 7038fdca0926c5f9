package fr.lexom.contracts.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.lexom.contracts.contract.InvalidRequestException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.StartFormHandler;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Every value a form submits through the engine (a start form, a task form: Tasklist, the engine's REST API,
 * {@code FormService}) passes {@link TextRules} before anything is stored: the form handler of every start event and
 * user task of every model is wrapped when the model is parsed (so also a model deployed later, or parsed again
 * after the cache dropped it). A refusal is an {@link InvalidRequestException}, the one refusal Tasklist shows with
 * its French message (400 from the engine's REST API), and the transaction stores nothing.
 */
@Component
class FormTextCheck extends AbstractProcessEnginePlugin {

    /** Reads the JSON values Tasklist submits (kept serialized by the engine) to check the texts they hold. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    TaskDefinition definition = userTask.getTaskDefinition();
                    if (definition.getTaskFormHandler() != null && !(definition.getTaskFormHandler() instanceof CheckedTaskForm)) {
                        definition.setTaskFormHandler(new CheckedTaskForm(definition.getTaskFormHandler()));
                    }
                }
            }

            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity process) {
                StartFormHandler handler = process.getStartFormHandler();
                if (handler != null && !(handler instanceof CheckedStartForm)) {
                    process.setStartFormHandler(new CheckedStartForm(handler));
                }
            }
        });
    }

    /** Throws the refusal of every submitted value with a refused character, by field; does nothing otherwise. */
    static void check(Map<String, Object> submitted) {
        if (submitted == null) {
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : submitted.keySet()) {
            if (!TextRules.acceptable(field, field) || !acceptable(field, value(submitted, field))) {
                errors.put(field, TextRules.MESSAGE);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /**
     * The submitted value as it came: a JSON object Tasklist sends (the attendance checklist) stays serialized in the
     * variable map, and reading its value would throw; its text is what is checked.
     */
    private static Object value(Map<String, Object> submitted, String field) {
        if (submitted instanceof VariableMap variables) {
            TypedValue typed = variables.getValueTyped(field);
            if (typed instanceof SerializableValue serializable && !serializable.isDeserialized()) {
                return readable(serializable.getValueSerialized());
            }
            return typed == null ? null : typed.getValue();
        }
        return submitted.get(field);
    }

    /** A serialized JSON value as the texts it holds once read (its escapes, {@code \\u0000}, become characters). */
    private static Object readable(String serialized) {
        if (serialized == null) {
            return null;
        }
        try {
            return JSON.convertValue(JSON.readTree(serialized), Object.class);
        } catch (java.io.IOException | IllegalArgumentException notJson) {
            return serialized; // another format: its text as it is
        }
    }

    private static boolean acceptable(String field, Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof java.util.Date
                || value instanceof java.time.temporal.TemporalAccessor) {
            return true;
        }
        if (value instanceof CharSequence text) {
            return TextRules.acceptable(field, text);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().allMatch(item -> acceptable(field, item));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(e -> acceptable(field, String.valueOf(e.getKey())) && acceptable(field, e.getValue()));
        }
        if (value.getClass().isArray()) {
            if (value instanceof byte[]) {
                return true; // a file: not text
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return acceptable(field, items);
        }
        return TextRules.acceptable(field, String.valueOf(value)); // a JSON value (Spin) and the like: its text
    }

    private record CheckedStartForm(StartFormHandler handler) implements StartFormHandler {
        @Override
        public StartFormData createStartFormData(ProcessDefinitionEntity definition) {
            return handler.createStartFormData(definition);
        }

        @Override
        public void parseConfiguration(Element element, DeploymentEntity deployment, ProcessDefinitionEntity definition, BpmnParse parse) {
            handler.parseConfiguration(element, deployment, definition, parse);
        }

        @Override
        public void submitFormVariables(VariableMap properties, VariableScope scope) {
            check(properties);
            handler.submitFormVariables(properties, scope);
        }
    }

    private record CheckedTaskForm(TaskFormHandler handler) implements TaskFormHandler {
        @Override
        public TaskFormData createTaskForm(TaskEntity task) {
            return handler.createTaskForm(task);
        }

        @Override
        public void parseConfiguration(Element element, DeploymentEntity deployment, ProcessDefinitionEntity definition, BpmnParse parse) {
            handler.parseConfiguration(element, deployment, definition, parse);
        }

        @Override
        public void submitFormVariables(VariableMap properties, VariableScope scope) {
            check(properties);
            handler.submitFormVariables(properties, scope);
        }
    }
}
