package fr.lexom.contracts.identity;

import java.util.List;

/** The staff groups of LEXOM; task candidate groups in the models use these ids. */
public final class Groups {

    public static final String SALES = "sales";
    public static final String COORDINATION = "coordination";
    public static final String ACCOUNTING = "accounting";
    public static final String MANAGERS = "managers";
    /** The data protection officer's group: requests about personal data (G1). */
    public static final String DPO = "dpo";
    /**
     * The technical group that may use the engine's own REST API ({@code /engine-rest}) besides the administrators,
     * with its members' own authorizations (none by default): for a tool that needs the engine's API. No member by
     * default; staff use Tasklist and Cockpit, other systems {@code /api}.
     */
    public static final String ENGINE_API = "integration";
    /** Camunda's administrators group, created with the admin user. */
    public static final String ADMINS = "camunda-admin";

    /** Groups whose members work tasks in Tasklist. */
    public static final List<String> STAFF = List.of(SALES, COORDINATION, ACCOUNTING, MANAGERS, DPO);

    private Groups() {
    }

    /** French group names shown in Admin and Tasklist. */
    static String displayName(String groupId) {
        return switch (groupId) {
            case SALES -> "Commercial";
            case COORDINATION -> "Coordination pédagogique";
            case ACCOUNTING -> "Comptabilité";
            case MANAGERS -> "Direction";
            case DPO -> "Protection des données";
            case ENGINE_API -> "Intégration (API du moteur)";
            default -> groupId;
        };
    }
}
