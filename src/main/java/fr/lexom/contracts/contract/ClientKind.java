package fr.lexom.contracts.contract;

/** Who the client is decides the withdrawal period (W1) and the recovery indemnity (L2). */
public enum ClientKind {
    LEGAL_ENTITY, INDIVIDUAL, PUBLIC_BODY;

    /** L2: the 40 EUR indemnity applies to legal persons only (companies and public bodies). */
    public boolean isLegalPerson() {
        return this != INDIVIDUAL;
    }
}
