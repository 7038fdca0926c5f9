package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.process.TaskProperties;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.StageVariables;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The client cancels (C1, D3-LEGACY), or a legacy postponement was not rescheduled within six months (C2-LEGACY,
 * property {@code basis} = FULL): the fee is invoiced, what was paid counts toward it, the rest is refunded.
 */
@Component("settleClientCancellation")
class SettleClientCancellationDelegate implements JavaDelegate {

    private final CancellationService cancellations;
    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    SettleClientCancellationDelegate(CancellationService cancellations, ContractService contracts, BusinessCalendar calendar,
                                     CurrentUser currentUser) {
        this.cancellations = cancellations;
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        ContractSummary contract = contracts.find(number);
        boolean lapsed = "FULL".equals(TaskProperties.optional(execution, "basis").orElse(null));
        BigDecimal fee = lapsed ? contract.priceGross() : new BigDecimal((String) execution.getVariable("feeAmount"));
        String rule = lapsed ? "C2-LEGACY" : (String) execution.getVariable("feeRule");
        String reason = lapsed ? "Report non reprogrammé dans les six mois de la commande" : "Annulation à la demande du client";
        CancellationService.Settlement settlement = cancellations.cancel(number, fee, rule, reason, calendar.today(), currentUser.id());
        execution.setVariable("feeAmount", fee.toPlainString());
        execution.setVariable("feeRule", rule);
        execution.setVariable("refundDue", settlement.refund().signum() > 0);
        execution.setVariable("refundAmount", settlement.refund().toPlainString());
        execution.setVariable("cancellationReason", reason);
        StageVariables.set(execution, ContractStage.CANCELLED);
    }
}
