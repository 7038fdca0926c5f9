package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.*;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
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

    RecordAcceptanceDelegate(ContractService contracts, BusinessCalendar calendar, CurrentUser currentUser) {
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
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
        execution.setVariable(SIGNED_ON, calendar.startOf(acceptance.signedOn()));
        execution.setVariable(EARLY_START_WAIVER, acceptance.earlyStartWaiver());
        execution.setVariable(STAGE, ContractStage.ACCEPTED.name());
    }
}
