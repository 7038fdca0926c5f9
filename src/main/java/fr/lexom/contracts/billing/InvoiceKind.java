package fr.lexom.contracts.billing;

/** The invoices of a contract (rulebook glossary). */
public enum InvoiceKind {
    /** D1: 30 % of the gross, at order. */
    DEPOSIT,
    /** P1: what the client still owes at the end of the training (or the whole price prepaid, P2-2025). */
    BALANCE,
    /** O3: the funder's share under direct payment. */
    FUNDER_SHARE,
    /** C1/C2/D3: a cancellation or postponement fee (never sent to a funder, O5). */
    FEE,
    /** Cancels or refunds all or part of an invoice. */
    CREDIT_NOTE
}
