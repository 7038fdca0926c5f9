package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.ContractNotFoundException;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.InvalidRequestException;
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

    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ContractService contracts;
    private final CancellationService cancellations;

    public ContractRequests(RuntimeService runtimeService, IdentityService identityService, ContractService contracts,
                            CancellationService cancellations) {
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.contracts = contracts;
        this.cancellations = cancellations;
    }

    public void clientRequest(String contractNumber, Map<String, Object> request) {
        send(contractNumber, ContractMessages.CLIENT_REQUEST, request, "Demande d'annulation ou de report");
    }

    public void lexomDecision(String contractNumber, Map<String, Object> decision) {
        send(contractNumber, ContractMessages.LEXOM_DECISION, decision, "Annulation ou report par LEXOM");
    }

    private void send(String contractNumber, String message, Map<String, Object> variables, String what) {
        ContractSummary contract;
        try {
            contract = contracts.find(contractNumber);
        } catch (ContractNotFoundException e) {
            throw new InvalidRequestException(Map.of("contractNumber", e.getMessage()));
        }
        cancellations.checkOpen(contract, what);
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            int reached = runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(contractNumber)
                    .setVariables(variables).correlateAllWithResult().size();
            if (reached == 0) {
                throw new fr.lexom.contracts.contract.StateConflictException(what + " impossible : le contrat "
                        + contractNumber + " n'est plus en cours.");
            }
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
