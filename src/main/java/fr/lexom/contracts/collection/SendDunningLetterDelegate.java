package fr.lexom.contracts.collection;

import fr.lexom.contracts.process.TaskProperties;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminders and the resolution letter (property {@code letter}); moves the case's dunning stage. */
@Component("sendDunningLetter")
class SendDunningLetterDelegate implements JavaDelegate {

    private final DunningLetters letters;
    private final CollectionService collection;

    SendDunningLetterDelegate(DunningLetters letters, CollectionService collection) {
        this.letters = letters;
        this.collection = collection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String letter = TaskProperties.required(execution, "letter");
        CollectionFigures figures = letters.send(execution, letter, Map.of());
        String stage = switch (letter) {
            case "payment-reminder-1" -> "REMINDED";
            case "payment-reminder-2" -> "SECOND_REMINDER";
            default -> "DECISION";
        };
        // shown in Cockpit on the collection instance
        execution.setVariable("dunningStage", stage);
        execution.setVariable("amountDue", figures.total().toPlainString());
        collection.moveTo(execution.getProcessBusinessKey(), stage, "courrier " + letter + ", dû "
                + figures.total() + " EUR (dont pénalités " + figures.interest() + " et indemnité " + figures.indemnity() + ")");
    }
}
