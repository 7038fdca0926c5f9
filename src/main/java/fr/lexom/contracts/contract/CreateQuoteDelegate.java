package fr.lexom.contracts.contract;

import static fr.lexom.contracts.process.ContractVariables.*;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.process.ContractVariables;
import fr.lexom.contracts.process.CurrentUser;
import fr.lexom.contracts.process.ProcessVariables;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CreateQuote (Q1, Q2): stores the quote from the start form, names the instance by the contract number,
 * and keeps only references and timer dates in the process. Synchronous on purpose: a refused form fails
 * the start in Tasklist with the French message, and nothing is stored.
 */
@Component("createQuote")
class CreateQuoteDelegate implements JavaDelegate {

    /**
     * The start form's fields removed once stored; the client kind, CGV edition and start date stay, set again below
     * with the contract's values (overwritten, or left when equal) rather than removed and created again, each
     * removal and creation being a history entry of its own (the start date stays the form's "yyyy-MM-dd" text).
     */
    private static final java.util.List<String> REMOVED_FORM_FIELDS = QUOTE_FORM_FIELDS.stream()
            .filter(field -> !java.util.Set.of(CGV_EDITION, CLIENT_KIND, START_DATE).contains(field)).toList();

    private final ContractService contracts;
    private final BusinessCalendar calendar;
    private final CurrentUser currentUser;
    private final QuoteProperties quoteProperties;

    CreateQuoteDelegate(ContractService contracts, BusinessCalendar calendar, CurrentUser currentUser,
                        QuoteProperties quoteProperties) {
        this.contracts = contracts;
        this.calendar = calendar;
        this.currentUser = currentUser;
        this.quoteProperties = quoteProperties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        QuoteRequest request = QuoteForm.parse(execution.getVariables(), calendar.today());
        ContractSummary contract = contracts.createQuote(request, currentUser.id(), calendar.today());
        contracts.linkProcessInstance(contract.number(), execution.getProcessInstanceId());
        execution.setProcessBusinessKey(contract.number());
        execution.removeVariables(REMOVED_FORM_FIELDS);
        execution.setVariable(CONTRACT_NUMBER, contract.number());
        ProcessVariables.setUnlessEqual(execution, CGV_EDITION, contract.cgvEdition().name());
        ProcessVariables.setUnlessEqual(execution, CLIENT_KIND, contract.clientKind().name());
        execution.setVariable(FOREIGN_CLIENT, contract.foreignClient());
        execution.setVariable(FUNDED, contract.funded());
        StageVariables.set(execution, contract.stage());
        // a day, not an instant: the ISO date reads the same in every zone (see ContractVariables.START_DATE)
        ProcessVariables.setUnlessEqual(execution, START_DATE, ContractVariables.day(contract.startsOn()));
        // Q1: valid through quoteValidUntil; expires at the start of the next day; reminder N days before.
        execution.setVariable(QUOTE_EXPIRES_AT, calendar.startOf(contract.quoteValidUntil().plusDays(1)));
        execution.setVariable(QUOTE_REMINDER_AT,
                calendar.morningOf(contract.quoteValidUntil().minusDays(quoteProperties.expiryReminderDays())));
    }
}
