package fr.lexom.contracts.process;

import fr.lexom.contracts.contract.CalendarProperties;
import fr.lexom.contracts.contract.ClientKind;
import fr.lexom.contracts.contract.ContractCalendar;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.delivery.HalfDays;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Puts the timer dates of a contract on its process (after acceptance, and again after new dates). */
@Component
public class ContractTimers {

    private final CalendarProperties properties;
    private final Clock clock;
    private final HalfDays halfDays;

    public ContractTimers(CalendarProperties properties, Clock clock, HalfDays halfDays) {
        this.properties = properties;
        this.clock = clock;
        this.halfDays = halfDays;
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
        // E1 (issue 23): once the last half-day can no longer be countersigned, coordination enters the attendance
        Date closes = Date.from(halfDays.signingClosesAt(contract.endsOn()));
        Date now = Date.from(clock.instant());
        dates.put("attendanceClosesAt", closes.before(now) ? now : closes);
        // ... and has until the end of the next day to do so
        Date due = Date.from(contract.endsOn().plusDays(1).atTime(properties.trainingEndsAt()).atZone(clock.getZone()).toInstant());
        dates.put("attendanceDueAt", due.before(now) ? now : due);
        if (!contract.foreignClient()) {
            dates.remove("prepaymentDeadline");
        }
        execution.setVariables(dates);
    }
}
