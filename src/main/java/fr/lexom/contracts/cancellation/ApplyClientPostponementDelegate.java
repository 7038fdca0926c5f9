package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.ContractTimers;
import fr.lexom.contracts.process.CurrentUser;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyClientPostponement (C2): the new dates chosen by coordination; under the 2025 CGV a fee of their choice
 * up to the cancellation fee of that day (free if a session was available), under the legacy CGV the deposit kept
 * if the new date is within six months of the order, else the full price.
 */
@Component("applyClientPostponement")
class ApplyClientPostponementDelegate implements JavaDelegate {

    private final CancellationService cancellations;
    private final ContractService contracts;
    private final ContractTimers timers;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;

    ApplyClientPostponementDelegate(CancellationService cancellations, ContractService contracts, ContractTimers timers,
                                    BusinessCalendar calendar, CurrentUser currentUser) {
        this.cancellations = cancellations;
        this.contracts = contracts;
        this.timers = timers;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        ContractSummary contract = contracts.find(number);
        FormReader form = new FormReader(execution.getVariables());
        FormReader.NewDates dates = form.newDates(calendar.today());
        boolean legacy = cancellations.legacy(number);
        BigDecimal fee = BigDecimal.ZERO;
        String feeText = form.text("postponementFee");
        if (!legacy && feeText != null && !feeText.matches("0+([.,]0+)?")) {
            fee = form.amount("postponementFee", "les frais de report");
        }
        form.check();
        LocalDate start = dates.start();
        LocalDate end = dates.end();
        BigDecimal cap = new BigDecimal((String) execution.getVariable("feeAmount"));
        String rule = (String) execution.getVariable("feeRule");
        if (legacy) {
            boolean within = CancellationService.withinSixMonths(contract.acceptedOn(), start);
            fee = within ? cancellations.fee(contract, "DEPOSIT_KEPT", 30) : contract.priceGross();
            cap = fee;
            rule = "C2-LEGACY";
        }
        var invoice = cancellations.postponementFee(number, fee, cap, rule, calendar.today(), currentUser.id());
        contracts.reschedule(number, start, end, currentUser.id());
        timers.reschedule(execution, contracts.find(number));
        execution.setVariable("postponementFeeAmount", fee.toPlainString());
        execution.setVariable("postponementFeeInvoice", invoice == null ? "" : invoice.number());
    }
}
