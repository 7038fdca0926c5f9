package fr.lexom.contracts.contract;

/** What a manager decides when the deposit is still unpaid as the start nears (D2-2025, D2-LEGACY). */
public enum DepositDecision {
    /** D2-2025 only: the unpaid deposit does not void the order. */
    PROCEED,
    POSTPONE,
    SUSPEND,
    /** D2-LEGACY only: no deposit, no definitive contract. */
    CANCEL;

    /** Whether the edition allows this decision. */
    public boolean allowedUnder(CgvEdition edition) {
        return switch (this) {
            case PROCEED -> edition == CgvEdition.CGV_2025;
            case CANCEL -> edition == CgvEdition.CGV_LEGACY;
            default -> true;
        };
    }
}
