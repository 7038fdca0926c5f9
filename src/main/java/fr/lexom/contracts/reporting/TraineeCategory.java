package fr.lexom.contracts.reporting;

/**
 * The trainee categories of the BPF's frame F-1 that LEXOM's contracts can fall in, as {@code bpf-trainee-category}
 * answers them. Public agents have no line of their own on the form: they are « autres stagiaires » (F-1 e), shown
 * apart in the app (« dont agents publics »). Apprentices (F-1 b) are never LEXOM's: it is not an apprentices' school.
 */
public enum TraineeCategory {
    PRIVATE_EMPLOYEES("F-1a", "a. Salariés d'employeurs privés hors apprentis"),
    JOB_SEEKERS("F-1c", "c. Personnes en recherche d'emploi formées par votre organisme"),
    INDIVIDUALS("F-1d", "d. Particuliers à leurs propres frais formés par votre organisme"),
    PUBLIC_AGENTS("F-1e", "e. Autres stagiaires : agents publics"),
    OTHERS("F-1e", "e. Autres stagiaires : autres");

    private final String line;
    private final String label;

    TraineeCategory(String line, String label) {
        this.line = line;
        this.label = label;
    }

    /** The form's line: F-1a, F-1c, F-1d, F-1e. */
    public String line() {
        return line;
    }

    public String label() {
        return label;
    }
}
