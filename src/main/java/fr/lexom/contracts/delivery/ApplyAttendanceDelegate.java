package fr.lexom.contracts.delivery;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.Participant;
import fr.lexom.contracts.process.CurrentUser;
import java.util.ArrayList;
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
    private final AttendanceSignatures signatures;

    ApplyAttendanceDelegate(ContractService contracts, CurrentUser currentUser, AttendanceSignatures signatures) {
        this.contracts = contracts;
        this.currentUser = currentUser;
        this.signatures = signatures;
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
        Set<String> signed = signatures.signedSlots(contract.id()).keySet();
        int absences = 0;
        List<String> corrections = new ArrayList<>();
        for (Map<String, String> slot : AttendanceSheet.slots(participants, contract.startsOn(), contract.endsOn())) {
            AttendanceSheet.Slot s = AttendanceSheet.parse(slot.get("value"));
            boolean isPresent = present.contains(slot.get("value"));
            boolean isSigned = signed.contains(slot.get("value"));
            absences += isPresent ? 0 : 1;
            // issue 23: where coordination's entry differs from the online signatures, the row says so (and by whom)
            if (isPresent != isSigned) {
                corrections.add(slot.get("label") + (isPresent ? " : présent sans signature" : " : signé, noté absent"));
            }
            contracts.recordAttendance(s.participantId(), s.day(), s.halfDay(), isPresent, isSigned, currentUser.id());
        }
        if (!corrections.isEmpty()) {
            contracts.recordEvent(number, "ATTENDANCE_CORRECTED", truncate("Émargement corrigé (" + corrections.size()
                    + ") : " + String.join(" ; ", corrections)), currentUser.id());
        }
        contracts.moveTo(number, ContractStage.DELIVERED, "Émargement enregistré : " + absences
                + " demi-journée(s) d'absence (C3 : sans effet sur le prix), " + signed.size()
                + " signée(s) en ligne, " + corrections.size() + " correction(s)", currentUser.id());
        StageVariables.set(execution, ContractStage.DELIVERED);
        execution.removeVariables(List.of("attendanceSlots"));
    }

    private static String truncate(String detail) {
        return detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }
}
