package fr.lexom.contracts.collection;

import fr.lexom.contracts.process.BusinessCalendar;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendFormalNotice (R1, R2): the formal notice cites the resolution clause (CGV 4.7) and opens eight days;
 * the contract may be resolved once they have passed without an answer.
 */
@Component("sendFormalNotice")
class SendFormalNoticeDelegate implements JavaDelegate {

    /** R1: eight days after the formal notice. */
    static final int NOTICE_DAYS = 8;

    private final DunningLetters letters;
    private final CollectionService collection;
    private final BusinessCalendar calendar;

    SendFormalNoticeDelegate(DunningLetters letters, CollectionService collection, BusinessCalendar calendar) {
        this.letters = letters;
        this.collection = collection;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = calendar.today();
        LocalDate lastDay = today.plusDays(NOTICE_DAYS);
        CollectionFigures figures = letters.send(execution, "formal-notice", Map.of("deadline", lastDay));
        execution.setVariable("dunningStage", "FORMAL_NOTICE");
        execution.setVariable("amountDue", figures.total().toPlainString());
        collection.formalNotice(execution.getProcessBusinessKey(), today, lastDay);
        execution.setVariable("formalNoticeExpiresAt", calendar.startOf(lastDay.plusDays(1)));
    }
}
