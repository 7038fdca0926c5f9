package fr.lexom.contracts.process;

/** Message names of training-contract, correlated by business key (the contract number). */
public final class ContractMessages {

    public static final String DEPOSIT_PAID = "DepositPaid";
    public static final String PREPAYMENT_RECEIVED = "PrepaymentReceived";
    public static final String FUNDER_PAID = "FunderPaid";
    public static final String INVOICES_SETTLED = "InvoicesSettled";

    private ContractMessages() {
    }
}
