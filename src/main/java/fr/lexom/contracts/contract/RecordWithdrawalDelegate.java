package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import java.time.LocalDate;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CloseWithdrawnContract (W1, W3): a withdrawal received within the 14 days ends the contract WITHDRAWN,
 * with nothing owed. A date outside the period is refused: the task stays open.
 */
@Component("recordWithdrawal")
class RecordWithdrawalDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    RecordWithdrawalDelegate(ContractService contracts, BusinessCalendar calendar, CurrentUser currentUser) {
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        FormReader form = new FormReader(execution.getVariables());
        LocalDate receivedOn = form.date("withdrawalReceivedOn", "la date de réception de la rétractation");
        LocalDate lastDay = contract.acceptedOn().plusDays(ContractCalendar.WITHDRAWAL_DAYS);
        if (receivedOn != null && receivedOn.isAfter(calendar.today())) {
            form.error("withdrawalReceivedOn", "La date de réception ne peut pas être dans le futur.");
        } else if (receivedOn != null && (receivedOn.isAfter(lastDay) || receivedOn.isBefore(contract.acceptedOn()))) {
            form.error("withdrawalReceivedOn", "Le délai de rétractation court du " + contract.acceptedOn() + " au "
                    + lastDay + " (W1) : cette date est en dehors.");
        }
        form.check();
        contracts.moveTo(number, ContractStage.WITHDRAWN, "Rétractation reçue le " + receivedOn
                + ", dans le délai de 14 jours : aucune somme due (W3)", currentUser.id());
        StageVariables.set(execution, ContractStage.WITHDRAWN);
    }
}
