package fr.lexom.contracts.delivery;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Start of Task_RecordAttendance (E1, issue 23): the online signing is closed; the form's checklist gets the training's
 * half-days, each participant's signed half-days ticked (« signé à 09h12 ») and the others not (« non signé »).
 * Coordination corrects what paper or the room says otherwise; {@link ApplyAttendanceDelegate} keeps each correction.
 */
@Component("prepareAttendanceSheet")
class PrepareAttendanceSheetListener implements ExecutionListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH'h'mm", Locale.FRANCE).withZone(HalfDays.PARIS);

    private final ContractService contracts;
    private final AttendanceSignatures signatures;

    PrepareAttendanceSheetListener(ContractService contracts, AttendanceSignatures signatures) {
        this.contracts = contracts;
        this.signatures = signatures;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        Map<String, Instant> signed = signatures.signedSlots(contract.id());
        List<Map<String, String>> slots = new ArrayList<>();
        for (Map<String, String> slot : AttendanceSheet.slots(contracts.participants(number), contract.startsOn(), contract.endsOn())) {
            Instant at = signed.get(slot.get("value"));
            slots.add(Map.of("value", slot.get("value"),
                    "label", slot.get("label") + (at == null ? " - non signé" : " - signé à " + TIME.format(at))));
        }
        execution.setVariable("attendanceSlots", Variables.objectValue(slots).serializationDataFormat("application/json").create());
        execution.setVariable("presentSlots", Variables.objectValue(slots.stream().map(s -> s.get("value"))
                .filter(signed::containsKey).toList()).serializationDataFormat("application/json").create());
    }
}
