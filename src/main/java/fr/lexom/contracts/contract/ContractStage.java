package fr.lexom.contracts.contract;

/** Where a contract stands; recorded on the contract and as the process variable {@code stage}. */
public enum ContractStage {
    QUOTE_SENT("Devis envoyé"),
    ACCEPTED("Commande acceptée"),
    WITHDRAWAL_PERIOD("Délai de rétractation"),
    AWAITING_DEPOSIT("Acompte attendu"),
    FUNDING("Financement en cours"),
    SCHEDULED("Programmée"),
    IN_DELIVERY("Formation en cours"),
    DELIVERED("Formation réalisée"),
    INVOICED("Facturée"),
    IN_COLLECTION("En recouvrement"),
    CLOSED("Clos"),
    EXPIRED("Devis échu"),
    WITHDRAWN("Rétracté"),
    CANCELLED("Annulé"),
    RESOLVED("Résolu");

    private final String label;

    ContractStage(String label) {
        this.label = label;
    }

    /** Whether the contract is over: closed, expired, withdrawn, cancelled or resolved. */
    public boolean finished() {
        return this == CLOSED || this == EXPIRED || this == WITHDRAWN || this == CANCELLED || this == RESOLVED;
    }

    /** The names of the stages of a finished contract, for queries. */
    public static java.util.List<String> finishedNames() {
        return java.util.Arrays.stream(values()).filter(ContractStage::finished).map(Enum::name).toList();
    }

    /** The French label staff read in Tasklist and Cockpit. */
    public String label() {
        return label;
    }
}
