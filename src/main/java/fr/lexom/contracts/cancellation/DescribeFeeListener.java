package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** End of Task_PriceClientRequest: the table's answer as an amount and a rule id, for the forms and letters. */
@Component("describeFee")
class DescribeFeeListener implements ExecutionListener {

    private final CancellationService cancellations;
    private final ContractService contracts;

    DescribeFeeListener(CancellationService cancellations, ContractService contracts) {
        this.cancellations = cancellations;
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = (Map<String, Object>) execution.getVariable("feeDecision");
        if (decision == null) {
            throw new IllegalStateException("The fee table gave no answer for contract " + execution.getVariable("contractNumber"));
        }
        ContractSummary contract = contracts.find((String) execution.getVariable("contractNumber"));
        BigDecimal fee = cancellations.fee(contract, (String) decision.get("feeBasis"), ((Number) decision.get("feePercent")).intValue());
        execution.setVariable("feeBasis", decision.get("feeBasis"));
        execution.setVariable("feeRule", decision.get("ruleId"));
        execution.setVariable("feeAmount", fee.toPlainString());
    }
}
