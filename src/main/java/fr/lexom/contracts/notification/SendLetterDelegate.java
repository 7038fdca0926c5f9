package fr.lexom.contracts.notification;

import fr.lexom.contracts.process.TaskProperties;
import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;
import static fr.lexom.contracts.process.ContractVariables.LETTER;

import fr.lexom.contracts.contract.ContractSummary;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes the letter named by the task's property {@code letter} to the outbox, addressed to the client.
 * The key is (contract, letter, task, occurrence), the occurrence counted in the outbox: a retried job rolls its
 * mail back with it and queues the same key, so the mail is queued once; a task run again (a second reminder) is
 * a new occurrence.
 */
@Component("sendLetter")
class SendLetterDelegate implements JavaDelegate {

    private final LetterModels models;
    private final Letters letters;
    private final Outbox outbox;
    private final LetterDocuments documents;

    SendLetterDelegate(LetterModels models, Letters letters, Outbox outbox,
                       LetterDocuments documents) {
        this.models = models;
        this.letters = letters;
        this.outbox = outbox;
        this.documents = documents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String letter = requiredLetter(execution);
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        Map<String, Object> model = models.of(number, execution);
        ContractSummary contract = (ContractSummary) model.get("contract");
        String key = keyOf(outbox, number, letter, execution);
        outbox.enqueue(letters.write(letter, key, number, List.of(contract.clientEmail()), model)
                .withAttachments(documents.forLetter(letter, number, model)));
    }

    static String requiredLetter(DelegateExecution execution) {
        String letter = TaskProperties.required(execution, LETTER);
        if (letter == null) {
            throw new IllegalStateException("Task " + execution.getCurrentActivityId() + " has no 'letter' property");
        }
        return letter;
    }

    /**
     * (contract, letter, task, occurrence): 1 the first time this task sends, 2 the second time... counted in the
     * outbox, in the job's transaction.
     */
    static String keyOf(Outbox outbox, String number, String letter, DelegateExecution execution) {
        String prefix = keyPrefix(number, letter, execution);
        return prefix + outbox.nextOccurrence(number, prefix);
    }

    /** (contract, letter, task): what the keys of every occurrence of this task's letter start with. */
    static String keyPrefix(String number, String letter, DelegateExecution execution) {
        return number + "/" + letter + "/" + execution.getCurrentActivityId() + "/";
    }
}
