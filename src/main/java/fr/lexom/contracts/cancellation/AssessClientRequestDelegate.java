package fr.lexom.contracts.cancellation;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.process.BusinessCalendar;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AssessClientRequest (C0): the inputs of the fee table, counted from the day LEXOM received the request. */
@Component("assessClientRequest")
class AssessClientRequestDelegate implements JavaDelegate {

    private final CancellationService cancellations;
    private final ContractService contracts;
    private final BusinessCalendar calendar;

    AssessClientRequestDelegate(CancellationService cancellations, ContractService contracts, BusinessCalendar calendar) {
        this.cancellations = cancellations;
        this.contracts = contracts;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        FormReader form = new FormReader(execution.getVariables());
        LocalDate receivedOn = form.date("requestReceivedOn", "la date de réception de la demande");
        LocalDate requestedStart = form.text("requestedStartDate") == null ? null : form.date("requestedStartDate", "la date souhaitée");
        form.check();
        execution.setVariables(cancellations.assess(number, (String) execution.getVariable("requestKind"), receivedOn,
                requestedStart, calendar.today()));
        ContractSummary contract = contracts.find(number);
        // C2-LEGACY: six months from the order to reschedule; the 2025 CGV set no window (a year, to keep the timer finite)
        LocalDate windowEnds = cancellations.legacy(number) ? contract.acceptedOn().plusMonths(6) : contract.acceptedOn().plusYears(1);
        execution.setVariable("postponementWindowEndsAt", calendar.startOf(windowEnds.plusDays(1)));
        contracts.recordEvent(number, "CLIENT_REQUEST", "Demande écrite de " + ("CANCELLATION".equals(execution.getVariable("requestKind"))
                ? "annulation" : "report") + " reçue le " + receivedOn + " (C0)", "system");
    }
}
