package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.process.CurrentUser;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ApplyDepositDecision (D2): checks the manager's decision against the edition and records it. */
@Component("applyDepositDecision")
class ApplyDepositDecisionDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final CurrentUser currentUser;

    ApplyDepositDecisionDelegate(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        ContractSummary contract = contracts.find(number);
        FormReader form = new FormReader(execution.getVariables());
        DepositDecision decision = form.choice("depositDecision", DepositDecision.class, "la décision");
        String comment = form.optional("decisionComment", 1000);
        if (decision != null && !decision.allowedUnder(contract.cgvEdition())) {
            form.error("depositDecision", contract.cgvEdition() == CgvEdition.CGV_2025
                    ? "CGV 2025 : l'acompte impayé n'annule pas la commande ; choisissez poursuivre, reporter ou suspendre (D2-2025)."
                    : "CGV antérieures : sans acompte, le contrat n'est pas définitif ; choisissez reporter, suspendre ou annuler (D2-LEGACY).");
        }
        form.check();
        contracts.recordEvent(number, "DEPOSIT_DECISION", "Acompte impayé, décision : " + decision
                + (comment == null ? "" : " (" + comment + ")"), currentUser.id());
        execution.setVariable("depositDecision", decision.name());
    }
}
