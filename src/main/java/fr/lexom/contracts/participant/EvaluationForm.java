package fr.lexom.contracts.participant;

import fr.lexom.contracts.participant.EvaluationAnswers.Answer;
import fr.lexom.contracts.participant.EvaluationAnswers.Objective;
import fr.lexom.contracts.participant.EvaluationAnswers.ObjectiveLevel;
import fr.lexom.contracts.security.TextRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions of an evaluation page (E1, issue 23, item 4) and the check of a submitted answer: every rating
 * 1 to 5 and present, every text at most 2000 characters and free of control characters (security/TextRules, line
 * breaks allowed). A refused answer comes back with a French message per wrong field and the values typed.
 */
final class EvaluationForm {

    static final int TEXT_MAX = 2000;
    static final String NO_RATING = "Choisissez une note de 1 à 5.";
    static final String BAD_RATING = "La note doit être un nombre entier de 1 à 5.";
    static final String NO_LEVEL = "Indiquez dans quelle mesure cet objectif est atteint, de 1 à 5.";

    private static final List<String> LEVELS = List.of("1 : pas atteint", "2 : peu atteint", "3 : partiellement atteint",
            "4 : largement atteint", "5 : pleinement atteint");
    private static final List<String> SATISFACTION = List.of("1 : pas du tout satisfait", "2 : peu satisfait",
            "3 : moyennement satisfait", "4 : satisfait", "5 : très satisfait");
    private static final List<String> AGREEMENT = List.of("1 : pas du tout d'accord", "2 : plutôt pas d'accord",
            "3 : moyennement d'accord", "4 : plutôt d'accord", "5 : tout à fait d'accord");

    /** One choice of a rating. */
    record Option(String id, String value, String label, boolean checked) {
    }

    /** A rating question: a group of five radio buttons in a fieldset, its legend, its error if refused. */
    record Rating(String name, String legend, List<Option> options, String error) {
    }

    /** A section of rating questions. */
    record Section(String title, String hint, List<Rating> ratings) {
    }

    /** A free text question. */
    record Text(String name, String label, String value, String error) {
    }

    /** What the page shows: sections of ratings and the texts, with any errors. */
    record View(List<Section> sections, List<Text> texts, boolean refused) {
    }

    /** The answer if accepted, else the errors by field. */
    record Checked(Answer answer, Map<String, String> errors) {
    }

    private static final Map<String, String> HOT_SATISFACTION = new LinkedHashMap<>();

    static {
        HOT_SATISFACTION.put("content", "Le contenu de la formation");
        HOT_SATISFACTION.put("trainer", "Le formateur ou la formatrice");
        HOT_SATISFACTION.put("organisation", "L'organisation (accueil, salle ou connexion, supports)");
        HOT_SATISFACTION.put("pace", "Le rythme de la formation");
    }

    private static final Map<String, String> COLD_TEXTS = Map.of(
            "applied", "Qu'avez-vous mis en pratique ? (facultatif, 2000 caractères au plus)",
            "changes", "Quels changements en avez-vous obtenus ? (facultatif, 2000 caractères au plus)");

    private EvaluationForm() {
    }

    static String objectiveField(Objective objective) {
        return "objective-" + objective.position();
    }

    /** The page's questions, filled with {@code values} (what was typed) and {@code errors}. */
    static View view(EvaluationKind kind, List<Objective> objectives, Map<String, String> values, Map<String, String> errors) {
        List<Section> sections = new ArrayList<>();
        List<Text> texts = new ArrayList<>();
        if (kind == EvaluationKind.HOT) {
            sections.add(new Section("Les objectifs de la formation",
                    "Pour chaque objectif, dans quelle mesure estimez-vous l'avoir atteint ?",
                    objectives.stream().map(o -> rating(objectiveField(o), o.text(), LEVELS, values, errors)).toList()));
            sections.add(new Section("Votre satisfaction", "De 1 (pas du tout satisfait) à 5 (très satisfait).",
                    HOT_SATISFACTION.entrySet().stream().map(e -> rating(e.getKey(), e.getValue(), SATISFACTION, values, errors)).toList()));
            texts.add(text("comment", "Votre commentaire (facultatif, 2000 caractères au plus)", values, errors));
        } else {
            sections.add(new Section("Mise en pratique", null,
                    List.of(rating("applied_rating", "J'ai pu mettre en pratique ce que j'ai appris", AGREEMENT, values, errors))));
            texts.add(text("applied", COLD_TEXTS.get("applied"), values, errors));
            texts.add(text("changes", COLD_TEXTS.get("changes"), values, errors));
        }
        return new View(sections, texts, !errors.isEmpty());
    }

    /** Checks a submitted body against the evaluation's questions. */
    static Checked check(EvaluationKind kind, List<Objective> objectives, FormBody body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (kind == EvaluationKind.HOT) {
            List<ObjectiveLevel> levels = new ArrayList<>();
            for (Objective o : objectives) {
                Integer level = rating(body, objectiveField(o), NO_LEVEL, errors);
                if (level != null) {
                    levels.add(new ObjectiveLevel(o.position(), o.text(), level));
                }
            }
            Integer content = rating(body, "content", NO_RATING, errors);
            Integer trainer = rating(body, "trainer", NO_RATING, errors);
            Integer organisation = rating(body, "organisation", NO_RATING, errors);
            Integer pace = rating(body, "pace", NO_RATING, errors);
            String comment = text(body, "comment", errors);
            return new Checked(errors.isEmpty()
                    ? new Answer(content, trainer, organisation, pace, levels, comment, null, null, null) : null, errors);
        }
        Integer applied = rating(body, "applied_rating", NO_RATING, errors);
        String appliedText = text(body, "applied", errors);
        String changes = text(body, "changes", errors);
        return new Checked(errors.isEmpty() ? new Answer(null, null, null, null, List.of(), null, applied, appliedText, changes)
                : null, errors);
    }

    private static Integer rating(FormBody body, String name, String missing, Map<String, String> errors) {
        String value = body.get(name);
        if (value == null || value.isBlank()) {
            errors.put(name, missing);
            return null;
        }
        if (body.malformed().contains(name) || !value.strip().matches("[0-9]{1,2}")) {
            errors.put(name, BAD_RATING);
            return null;
        }
        int rating = Integer.parseInt(value.strip());
        if (rating < 1 || rating > 5) {
            errors.put(name, BAD_RATING);
            return null;
        }
        return rating;
    }

    private static String text(FormBody body, String name, Map<String, String> errors) {
        String value = body.get(name);
        if (body.malformed().contains(name) || !TextRules.acceptable(value, true)) {
            errors.put(name, TextRules.MESSAGE);
            return null;
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.replace("\r\n", "\n").strip();
        if (text.length() > TEXT_MAX) {
            errors.put(name, TEXT_MAX + " caractères au plus (votre texte en compte " + text.length() + ").");
            return null;
        }
        return text;
    }

    private static Rating rating(String name, String legend, List<String> labels, Map<String, String> values,
                                 Map<String, String> errors) {
        List<Option> options = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            options.add(new Option(name + "-" + i, Integer.toString(i), labels.get(i - 1),
                    Integer.toString(i).equals(values.get(name) == null ? null : values.get(name).strip())));
        }
        return new Rating(name, legend, options, errors.get(name));
    }

    private static Text text(String name, String label, Map<String, String> values, Map<String, String> errors) {
        return new Text(name, label, values.getOrDefault(name, ""), errors.get(name));
    }
}
