package fr.lexom.contracts.demo;

/**
 * The situations the demo leaves on a first start (issue 22, item 3), one contract each (the personal-data request
 * has no contract). {@link #stage} is where the contract stands once the demo is made, {@link #open} what is waiting.
 */
public enum DemoCase {
    QUOTE_WAITING("a quote waiting for the client", "QUOTE_SENT", "Task_RecordSignature"),
    QUOTE_EXPIRING("a quote about to expire, its reminder sent (Q1)", "QUOTE_SENT", "Task_RecordSignature"),
    WITHDRAWAL_PERIOD("an individual inside its 14 days (W1)", "WITHDRAWAL_PERIOD", "Task_RecordWithdrawal"),
    DEPOSIT_DECISION("a deposit overdue, the managers' decision open (D2-LEGACY)", "AWAITING_DEPOSIT", "Task_DecideUnpaidDeposit"),
    PREPAYMENT_DUE("a client abroad to pay the whole price before the start (P2-2025)", "AWAITING_DEPOSIT", "Task_CollectPrepayment"),
    FUNDER_TO_ANSWER("a funder to answer, the deposit paid: scheduled once it answers or at the start (O1, O2)",
            "AWAITING_DEPOSIT", "Task_RecordFundingDecision"),
    SCHEDULED("a training scheduled, its deposit paid; convocations leave 7 days before the start (E1)", "SCHEDULED", null),
    IN_DELIVERY("a session running today, its half-days signed online by link (E1)", "IN_DELIVERY", null),
    ATTENDANCE_TO_RECORD("a session ended, signed online; attendance to record, hot evaluation open (E1)", "IN_DELIVERY",
            "Task_RecordAttendance"),
    FORMAL_NOTICE("an invoice in dunning, its formal notice running (L1, L2, R1)", "IN_COLLECTION", "Task_FollowFormalNotice"),
    CANCELLED_WITH_FEE("a cancellation 50 days ahead, its 30 % fee invoiced (C1-2025)", "CANCELLED", null),
    CLOSED("a contract delivered and paid (P1)", "CLOSED", null),
    EXPIRED("a quote left unanswered 30 days (Q1)", "EXPIRED", null),
    RESOLVED("a contract resolved for non-payment after its formal notice (R1)", "RESOLVED", null),
    WITHDRAWN("an individual who withdrew in time (W1, W3)", "WITHDRAWN", null),
    DATA_REQUEST("a person asking for its data (G1)", null, "Task_AnswerDataRequest");

    private final String description;
    private final String stage;
    private final String open;

    DemoCase(String description, String stage, String open) {
        this.description = description;
        this.stage = stage;
        this.open = open;
    }

    public String description() {
        return description;
    }

    /** The contract's stage once the demo is made; null for the personal-data request. */
    public String stage() {
        return stage;
    }

    /** The task left open (by its key), or null when nothing waits for staff. */
    public String open() {
        return open;
    }

    /** Whether the case is a training contract (all but the personal-data request). */
    public boolean contract() {
        return stage != null;
    }
}
