package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.*;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.ContractTimers;
import fr.lexom.contracts.process.ContractVariables;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.ProcessVariables;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordAcceptance (S1-2025, S1-LEGACY): checks the signature form against the edition and records the
 * order. A refusal fails the completion of the form in Tasklist, with the reason; the task stays open.
 */
@Component("recordAcceptance")
class RecordAcceptanceDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;
    private final ContractTimers timers;

    RecordAcceptanceDelegate(ContractService contracts, BusinessCalendar calendar, CurrentUser currentUser,
                             ContractTimers timers) {
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        Acceptance acceptance = Acceptance.check(contract.cgvEdition(), contract.clientKind(), contract.quoteIssuedOn(),
                calendar.today(), execution.getVariable(SIGNED_ON), execution.getVariable(ACCEPTANCE_DOCUMENT),
                execution.getVariable(ACCEPTANCE_MARK), execution.getVariable(CGV_SIGNED),
                execution.getVariable(EARLY_START_WAIVER));
        contracts.recordAcceptance(number, acceptance.signedOn(), acceptance.earlyStartWaiver(),
                "Accord reçu le " + acceptance.signedOn() + " : " + acceptance.document(), currentUser.id());
        // the day as the contract records it, "yyyy-MM-dd" (a day, not an instant: see ContractVariables.SIGNED_ON)
        ProcessVariables.setUnlessEqual(execution, SIGNED_ON, ContractVariables.day(acceptance.signedOn()));
        execution.setVariable(EARLY_START_WAIVER, acceptance.earlyStartWaiver());
        ContractSummary accepted = contracts.find(number);
        timers.apply(execution, accepted);
        // W1: an individual gets 14 days to withdraw, unless it asked to start earlier (2025).
        boolean withdrawalPeriod = accepted.clientKind() == ClientKind.INDIVIDUAL && !acceptance.earlyStartWaiver();
        ContractStage stage = withdrawalPeriod ? ContractStage.WITHDRAWAL_PERIOD : ContractStage.ACCEPTED;
        if (withdrawalPeriod) {
            contracts.moveTo(number, stage, "Délai de rétractation de 14 jours en cours (W1)", currentUser.id());
        }
        StageVariables.set(execution, stage);
    }
}
