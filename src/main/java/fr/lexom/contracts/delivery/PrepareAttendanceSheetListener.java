package fr.lexom.contracts.delivery;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Start of Task_RecordAttendance (E1): the training is under way; the form's checklist gets its half-days. */
@Component("prepareAttendanceSheet")
class PrepareAttendanceSheetListener implements ExecutionListener {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    PrepareAttendanceSheetListener(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        var slots = AttendanceSheet.slots(contracts.participants(number), contract.startsOn(), contract.endsOn());
        execution.setVariable("attendanceSlots", Variables.objectValue(slots).serializationDataFormat("application/json").create());
        // Everyone present unless coordination unticks an absence.
        execution.setVariable("presentSlots", Variables.objectValue(slots.stream().map(s -> s.get("value")).toList())
                .serializationDataFormat("application/json").create());
        contracts.moveTo(number, ContractStage.IN_DELIVERY, "Formation commencée", currentUser.id());
        StageVariables.set(execution, ContractStage.IN_DELIVERY);
    }
}
