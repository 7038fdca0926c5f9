package fr.lexom.contracts.process;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Writing process variables without needless history. */
public final class ProcessVariables {

    private ProcessVariables() {
    }

    /**
     * Sets the variable unless it already holds an equal value: with history full, every write is an entry of the
     * variable's history (and an update of its row), even one that changes nothing.
     */
    public static void setUnlessEqual(VariableScope scope, String name, Object value) {
        if (!Objects.equals(scope.getVariable(name), value)) {
            scope.setVariable(name, value);
        }
    }
}
