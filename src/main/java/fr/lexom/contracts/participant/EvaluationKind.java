package fr.lexom.contracts.participant;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two evaluations of E1 (issue 23, item 4): "hot" at the end of the training, "cold" a few months later. Each has
 * its letter (the invitation), its page under the participant's link and its French label.
 */
public enum EvaluationKind {
    HOT("chaud", "hot-evaluation", "Évaluation à chaud"),
    COLD("froid", "cold-evaluation", "Évaluation à froid");

    private final String slug;
    private final String letter;
    private final String label;

    EvaluationKind(String slug, String letter, String label) {
        this.slug = slug;
        this.letter = letter;
        this.label = label;
    }

    /** The page's path relative to the participant's own page: « evaluation/chaud ». */
    public String path() {
        return "evaluation/" + slug;
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    /** The evaluation a letter invites to, if it is one of the two evaluation letters. */
    public static Optional<EvaluationKind> ofLetter(String letter) {
        return Arrays.stream(values()).filter(k -> k.letter.equals(letter)).findFirst();
    }

    static Optional<EvaluationKind> ofSlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
    }
}
