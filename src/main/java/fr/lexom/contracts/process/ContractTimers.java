package fr.lexom.contracts.process;

import fr.lexom.contracts.contract.CalendarProperties;
import fr.lexom.contracts.contract.ClientKind;
import fr.lexom.contracts.contract.ContractCalendar;
import fr.lexom.contracts.contract.ContractSummary;
import java.time.Clock;
import java.time.ZonedDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Puts the timer dates of a contract on its process (after acceptance, and again after new dates). */
@Component
public class ContractTimers {

    private final CalendarProperties properties;
    private final Clock clock;

    public ContractTimers(CalendarProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * New dates for a running contract: the timer variables follow them, and every timer already waiting is
     * recalculated from its expression (a convocation, the start, a funding deadline...).
     */
    public void reschedule(DelegateExecution execution, ContractSummary contract) {
        apply(execution, contract);
        ProcessVariables.setUnlessEqual(execution, ContractVariables.START_DATE, ContractVariables.day(contract.startsOn()));
        var management = execution.getProcessEngineServices().getManagementService();
        for (var job : management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers().list()) {
            management.recalculateJobDuedate(job.getId(), false);
        }
    }

    public void apply(DelegateExecution execution, ContractSummary contract) {
        ContractCalendar calendar = new ContractCalendar(properties, clock.getZone());
        var dates = calendar.timers(contract.startsOn(), contract.endsOn(),
                contract.clientKind() == ClientKind.INDIVIDUAL ? contract.acceptedOn() : null, ZonedDateTime.now(clock));
        if (!contract.foreignClient()) {
            dates.remove("prepaymentDeadline");
        }
        execution.setVariables(dates);
    }
}
