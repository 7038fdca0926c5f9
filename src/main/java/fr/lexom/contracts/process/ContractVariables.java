package fr.lexom.contracts.process;

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
    public static final String START_DATE = "startDate";
    public static final String QUOTE_REMINDER_AT = "quoteReminderAt";
    public static final String QUOTE_EXPIRES_AT = "quoteExpiresAt";
    public static final String INITIATOR = "initiator";

    /** Signature form (S1). */
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

    private ContractVariables() {
    }
}
