package fr.lexom.contracts.process;

import java.time.LocalDate;
import java.util.List;

/**
 * Names of the process variables of {@code training-contract}, defined once. The process carries ids,
 * dates and flags that gateways, timers and decisions read; the facts live in the app's tables.
 */
public final class ContractVariables {

    public static final String CONTRACT_NUMBER = "contractNumber";
    public static final String CGV_EDITION = "cgvEdition";
    public static final String CLIENT_KIND = "clientKind";
    public static final String FOREIGN_CLIENT = "foreignClient";
    public static final String FUNDED = "funded";
    /**
     * The contract's stage in French, shown on task cards and in Cockpit. The stage's code is the contract
     * row's ({@code contract.stage}); it is not kept a second time on the process (each change of a variable
     * costs four statements with history full).
     */
    public static final String STAGE_LABEL = "stageLabel";
    /** The first day of the training, a day ({@link #day(LocalDate)}); the timers wait for {@code startsAt}. */
    public static final String START_DATE = "startDate";
    public static final String QUOTE_REMINDER_AT = "quoteReminderAt";
    public static final String QUOTE_EXPIRES_AT = "quoteExpiresAt";
    public static final String INITIATOR = "initiator";

    /** Signature form (S1). The day LEXOM received the acceptance, a day ({@link #day(LocalDate)}). */
    public static final String SIGNED_ON = "signedOn";
    public static final String ACCEPTANCE_DOCUMENT = "acceptanceDocument";
    public static final String ACCEPTANCE_MARK = "acceptanceMark";
    public static final String CGV_SIGNED = "cgvSigned";
    public static final String EARLY_START_WAIVER = "earlyStartWaiver";

    /** Input parameter of the letter-sending tasks. */
    public static final String LETTER = "letter";

    /**
     * Fields of the "Nouveau devis" start form: copied to the app's tables by Task_CreateQuote, then removed
     * from the process, which keeps only references.
     */
    public static final List<String> QUOTE_FORM_FIELDS = List.of("clientKind", "clientName", "clientSiret",
            "clientCountry", "clientEmail", "clientAddress", "clientPostalCode", "clientCity", "trainingReference",
            "sessionCode", "startDate", "endDate", "modality", "place", "participants", "priceNet", "vatRate",
            "vatExempt", "funderCode", "cgvEdition");

    /**
     * A date-only fact of the contract (a signature day, a start day) as a process variable: its ISO text
     * "yyyy-MM-dd", a String. Tasklist's date fields read and write that text, and Cockpit shows it as it is, so the
     * day reads the same in every browser, in Paris or in UTC, as in the contract, the mails and the documents. A
     * java.util.Date is an instant: midnight in Paris is 23:00 the day before in UTC, and Cockpit and Tasklist show it
     * in the reader's zone. Instants (the timers' dates, {@code startsAt}, {@code quoteExpiresAt}...) stay Dates.
     */
    public static String day(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private ContractVariables() {
    }
}
