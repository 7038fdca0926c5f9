package fr.lexom.contracts.process;

import fr.lexom.contracts.contract.ContractStage;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Puts the contract's stage on its process instance, in French ({@code stageLabel}), for task cards and Cockpit.
 * The code stays on the contract row, where the API and the managers' view read it.
 */
public final class StageVariables {

    /** The stage's code, which instances started before it was dropped still carry (until their next stage). */
    static final String DROPPED_STAGE_CODE = "stage";

    private StageVariables() {
    }

    public static void set(DelegateExecution execution, ContractStage stage) {
        // on the process instance itself: a task's local variable of the same name must not swallow it
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(ContractVariables.STAGE_LABEL, stage.label());
        if (instance.hasVariableLocal(DROPPED_STAGE_CODE)) {
            instance.removeVariableLocal(DROPPED_STAGE_CODE); // it would stay at its last value in Cockpit
        }
    }
}
