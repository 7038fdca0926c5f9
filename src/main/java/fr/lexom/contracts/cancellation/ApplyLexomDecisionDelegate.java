package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.ContractTimers;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyLexomDecision (X1, X2): LEXOM cancels (everything paid refunded, no fee) or postpones (new dates, the
 * sums paid carried over); force majeure (X2) is recorded as the reason.
 */
@Component("applyLexomDecision")
class ApplyLexomDecisionDelegate implements JavaDelegate {

    private final CancellationService cancellations;
    private final ContractService contracts;
    private final ContractTimers timers;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    ApplyLexomDecisionDelegate(CancellationService cancellations, ContractService contracts, ContractTimers timers,
                               BusinessCalendar calendar, CurrentUser currentUser) {
        this.cancellations = cancellations;
        this.contracts = contracts;
        this.timers = timers;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        String decision = (String) execution.getVariable("lexomDecision");
        String reason = switch (String.valueOf(execution.getVariable("lexomReason"))) {
            case "TRAINER_ABSENT" -> "absence du formateur";
            case "VENUE_UNAVAILABLE" -> "indisponibilité du lieu de formation";
            case "FORCE_MAJEURE" -> "cas de force majeure (X2)";
            default -> "décision de LEXOM";
        };
        execution.setVariable("cancellationReason", reason);
        if ("CANCEL".equals(decision)) {
            CancellationService.Settlement settlement = cancellations.cancelByLexom(number, reason, calendar.today(), currentUser.id());
            execution.setVariable("refundAmount", settlement.refund().toPlainString());
            // read by « Fin anticipée du contrat », where the refund is made once the contract has ended
            execution.setVariable("refundDue", settlement.refund().signum() > 0);
            StageVariables.set(execution, ContractStage.CANCELLED);
            return;
        }
        FormReader form = new FormReader(execution.getVariables());
        FormReader.NewDates dates = form.newDates(calendar.today());
        form.check();
        LocalDate start = dates.start();
        LocalDate end = dates.end();
        contracts.reschedule(number, start, end, currentUser.id());
        contracts.recordEvent(number, "POSTPONED_BY_LEXOM", "Reportée par LEXOM (" + reason + ") : sommes versées reportées, aucun frais (X1)",
                currentUser.id());
        timers.reschedule(execution, contracts.find(number));
    }
}
