package fr.lexom.contracts.contract;

/** Where a contract stands; recorded on the contract and as the process variable {@code stage}. */
public enum ContractStage {
    QUOTE_SENT,
    ACCEPTED,
    WITHDRAWAL_PERIOD,
    AWAITING_DEPOSIT,
    FUNDING,
    SCHEDULED,
    IN_DELIVERY,
    DELIVERED,
    INVOICED,
    IN_COLLECTION,
    CLOSED,
    EXPIRED,
    WITHDRAWN,
    CANCELLED,
    RESOLVED
}
