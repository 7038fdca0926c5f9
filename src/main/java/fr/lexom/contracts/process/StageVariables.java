package fr.lexom.contracts.process;

import fr.lexom.contracts.contract.ContractStage;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Puts the contract's stage on its process instance, as a code ({@code stage}) and in French ({@code stageLabel}). */
public final class StageVariables {

    private StageVariables() {
    }

    public static void set(DelegateExecution execution, ContractStage stage) {
        // on the process instance itself: a task's local variable of the same name must not swallow it
        execution.getProcessInstance().setVariable(ContractVariables.STAGE, stage.name());
        execution.getProcessInstance().setVariable(ContractVariables.STAGE_LABEL, stage.label());
    }
}
