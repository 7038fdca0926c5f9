package fr.lexom.contracts.process;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Lets another system do what staff do in Tasklist: complete the contract's waiting task with the same form
 * values, under the caller's identity and authorizations. Found by business key (the contract number).
 */
@Component
public class ContractTasks {

    private final TaskService taskService;
    private final ContractService contracts;

    public ContractTasks(TaskService taskService, ContractService contracts) {
        this.taskService = taskService;
        this.contracts = contracts;
    }

    /** The open task of that kind for the contract, if the contract is waiting there. */
    public Optional<Task> waiting(String contractNumber, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(contractNumber)
                .taskDefinitionKey(taskDefinitionKey).list().stream().findFirst();
    }

    /**
     * Completes the waiting task; empty when the contract is not waiting for it (the caller answers 409 with the
     * contract's stage). Throws 404 for an unknown contract.
     */
    public Optional<ContractSummary> complete(String contractNumber, String taskDefinitionKey, Map<String, Object> values) {
        ContractSummary contract = contracts.find(contractNumber);
        Optional<Task> task = waiting(contractNumber, taskDefinitionKey);
        if (task.isEmpty()) {
            return Optional.empty();
        }
        taskService.complete(task.get().getId(), values);
        return Optional.of(contract);
    }
}
