package fr.lexom.contracts.notification;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;
import static fr.lexom.contracts.process.ContractVariables.LETTER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes the letter named by the task's input parameter {@code letter} to the outbox, addressed to the client.
 * The key (contract, letter, activity) makes a retried job queue it once; delivery happens after commit.
 */
@Component("sendLetter")
class SendLetterDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final Letters letters;
    private final Outbox outbox;

    SendLetterDelegate(ContractService contracts, Letters letters, Outbox outbox) {
        this.contracts = contracts;
        this.letters = letters;
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String letter = (String) execution.getVariableLocal(LETTER);
        if (letter == null) {
            throw new IllegalStateException("Task " + execution.getCurrentActivityId() + " has no 'letter' input parameter");
        }
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        String key = number + "/" + letter + "/" + execution.getCurrentActivityId();
        outbox.enqueue(letters.write(letter, key, number, List.of(contract.clientEmail()), Map.of("contract", contract)));
    }
}
