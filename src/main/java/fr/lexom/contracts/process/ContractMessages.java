package fr.lexom.contracts.process;

/** Message names of training-contract, correlated by business key (the contract number). */
public final class ContractMessages {

    public static final String DEPOSIT_PAID = "DepositPaid";
    public static final String PREPAYMENT_RECEIVED = "PrepaymentReceived";
    public static final String FUNDER_PAID = "FunderPaid";
    public static final String INVOICES_SETTLED = "InvoicesSettled";
    /** R1: the contract was resolved after a formal notice left unanswered. */
    public static final String CONTRACT_RESOLVED = "ContractResolved";
    /** R1: the contract was resolved on another of its invoices; this invoice's collection stops (invoice-collection). */
    public static final String CONTRACT_RESOLVED_BY_ANOTHER_INVOICE = "ContractResolvedByAnotherInvoice";
    /** C0-C3: a written cancellation or postponement request from the client. */
    public static final String CLIENT_REQUEST = "ClientRequest";
    /** X1, X2: LEXOM cancels or postpones. */
    public static final String LEXOM_DECISION = "LexomDecision";
    /** To invoice-collection, by the invoice number. */
    public static final String INVOICE_PAID = "InvoicePaid";

    private ContractMessages() {
    }
}
