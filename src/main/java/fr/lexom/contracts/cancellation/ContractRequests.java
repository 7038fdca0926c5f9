package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.ContractNotFoundException;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.StateConflictException;
import fr.lexom.contracts.process.ContractMessages;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Hands a client's request or LEXOM's decision to the contract's process (event subprocesses of training-contract),
 * wherever it stands. Staff and other systems are allowed to report it; the process reacts as the system.
 */
@Component
public class ContractRequests {

    /** The training has taken place: nothing left to cancel or postpone. */
    static final java.util.Set<ContractStage> TRAINING_OVER = java.util.EnumSet.of(ContractStage.DELIVERED,
            ContractStage.INVOICED, ContractStage.IN_COLLECTION);

    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ContractService contracts;
    private final CancellationService cancellations;
    private final fr.lexom.contracts.delivery.HalfDays halfDays;
    private final java.time.Clock clock;

    public ContractRequests(RuntimeService runtimeService, IdentityService identityService, ContractService contracts,
                            CancellationService cancellations, fr.lexom.contracts.delivery.HalfDays halfDays, java.time.Clock clock) {
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.contracts = contracts;
        this.cancellations = cancellations;
        this.halfDays = halfDays;
        this.clock = clock;
    }

    /**
     * Whether the training has taken place: its stage says so, or its last half-day is over while coordination has
     * not yet entered the attendance (issue 23: the attendance task opens once online signing is closed).
     */
    private boolean trainingOver(ContractSummary contract) {
        return TRAINING_OVER.contains(contract.stage()) || contract.stage() == ContractStage.IN_DELIVERY
                && clock.instant().isAfter(halfDays.of(contract.endsOn(), "PM").end());
    }

    public void clientRequest(String contractNumber, Map<String, Object> request) {
        send(contractNumber, ContractMessages.CLIENT_REQUEST, request, "Demande d'annulation ou de report",
                (String) request.get("requestKind"));
    }

    public void lexomDecision(String contractNumber, Map<String, Object> decision) {
        send(contractNumber, ContractMessages.LEXOM_DECISION, decision, "Annulation ou report par LEXOM", null);
    }

    private ContractSummary find(String contractNumber) {
        try {
            return contracts.find(contractNumber);
        } catch (ContractNotFoundException e) {
            throw new InvalidRequestException(Map.of("contractNumber", e.getMessage()));
        }
    }

    /**
     * Whether the contract can take the request or decision at its stage; {@code requestKind} is the client's
     * (CANCELLATION or POSTPONEMENT), null for LEXOM's decision.
     */
    private void checkStage(ContractSummary contract, String what, String requestKind) {
        cancellations.checkOpen(contract, what);
        String number = contract.number();
        if (trainingOver(contract)) {
            // C1 prices a cancellation up to the training's start, and 100 % once started; once it has taken place
            // there is nothing left to cancel or postpone: the price is due and collected as invoiced
            throw new StateConflictException(what + " impossible : la formation du contrat " + number
                    + " a eu lieu (étape « " + contract.stage().label() + " ») ; son prix est dû.");
        }
        if (requestKind == null) {
            return;
        }
        if (contract.stage() == ContractStage.WITHDRAWAL_PERIOD) {
            // W1-W3: inside the withdrawal period nothing may be charged to the individual (W2), and a written
            // cancellation is a withdrawal (any unambiguous statement, Code de la consommation L221-21), free (W3)
            throw new StateConflictException(what + " impossible : le contrat " + number
                    + " est en délai de rétractation ; rien ne peut être facturé au particulier d'ici là (W2). Une"
                    + " annulation écrite vaut rétractation : enregistrez-la comme telle, sans frais (W3) ; un report se"
                    + " demande une fois le délai écoulé.");
        }
        if (contract.stage() == ContractStage.IN_DELIVERY && "POSTPONEMENT".equals(requestKind)) {
            // C2-LEGACY: a postponement asked during the training costs the full price; C3: a started training is due
            // in full. Nothing is left to move: the training goes on and is invoiced as delivered.
            throw new StateConflictException(what + " impossible : la formation du contrat " + number
                    + " a commencé ; elle ne peut plus être reportée et son prix est dû en totalité (C2-LEGACY, C3).");
        }
    }

    private void send(String contractNumber, String message, Map<String, Object> variables, String what,
                      String requestKind) {
        checkStage(find(contractNumber), what, requestKind);
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            int reached = runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(contractNumber)
                    .setVariables(variables).correlateAllWithResult().size();
            if (reached == 0) {
                throw new StateConflictException(what + " impossible : le contrat "
                        + contractNumber + " n'est plus en cours.");
            }
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
