package fr.lexom.contracts.delivery;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.process.CurrentUser;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyAttendance (E1, E2, C3): writes presence per participant and half-day. Absences are recorded but
 * never reduce the price (C3); the training is delivered.
 */
@Component("applyAttendance")
class ApplyAttendanceDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    ApplyAttendanceDelegate(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        List<Participant> participants = contracts.participants(number);
        Set<String> present = new HashSet<>();
        Object value = execution.getVariable("presentSlots");
        if (value instanceof Collection<?> list) {
            list.forEach(v -> present.add(String.valueOf(v)));
        } else if (value != null) {
            throw new InvalidRequestException(Map.of("presentSlots", "Liste des présences illisible."));
        }
        int absences = 0;
        for (Map<String, String> slot : AttendanceSheet.slots(participants, contract.startsOn(), contract.endsOn())) {
            AttendanceSheet.Slot s = AttendanceSheet.parse(slot.get("value"));
            boolean isPresent = present.contains(slot.get("value"));
            absences += isPresent ? 0 : 1;
            contracts.recordAttendance(s.participantId(), s.day(), s.halfDay(), isPresent, currentUser.id());
        }
        contracts.moveTo(number, ContractStage.DELIVERED, "Émargement enregistré : " + absences
                + " demi-journée(s) d'absence (C3 : sans effet sur le prix)", currentUser.id());
        StageVariables.set(execution, ContractStage.DELIVERED);
        execution.removeVariables(List.of("attendanceSlots"));
    }
}
