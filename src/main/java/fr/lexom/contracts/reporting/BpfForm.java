package fr.lexom.contracts.reporting;

import fr.lexom.contracts.reporting.BpfReport.Unfilled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of the Cerfa 10443 (« bilan pédagogique et financier ») the report fills, with the form's own words, and
 * what it cannot fill. Line codes are written with a dash (« C-1 », « F-1a ») so that they never read as the
 * rulebook's ids.
 */
final class BpfForm {

    private BpfForm() {
    }

    /** Frame C: the origin of the training revenue excl. VAT, in the form's order. */
    static final Map<String, String> REVENUE_LINES = new LinkedHashMap<>();

    static {
        REVENUE_LINES.put("C-1", "1. Entreprises pour la formation de leurs salariés");
        REVENUE_LINES.put("C-2a", "2a. Organismes gestionnaires des fonds de la formation : contrats d'apprentissage");
        REVENUE_LINES.put("C-2b", "2b. … contrats de professionnalisation");
        REVENUE_LINES.put("C-2c", "2c. … promotion ou reconversion par alternance");
        REVENUE_LINES.put("C-2d", "2d. … projets de transition professionnelle");
        REVENUE_LINES.put("C-2e", "2e. … compte personnel de formation");
        REVENUE_LINES.put("C-2f", "2f. … dispositifs spécifiques pour les personnes en recherche d'emploi");
        REVENUE_LINES.put("C-2g", "2g. … dispositifs spécifiques pour les travailleurs non salariés");
        REVENUE_LINES.put("C-2h", "2h. … plan de développement des compétences ou autres dispositifs");
        REVENUE_LINES.put("C-3", "3. Pouvoirs publics pour la formation de leurs agents");
        REVENUE_LINES.put("C-4", "4. Instances européennes");
        REVENUE_LINES.put("C-5", "5. État");
        REVENUE_LINES.put("C-6", "6. Conseils régionaux");
        REVENUE_LINES.put("C-7", "7. France Travail");
        REVENUE_LINES.put("C-8", "8. Autres ressources publiques");
        REVENUE_LINES.put("C-9", "9. Contrats conclus avec des personnes à titre individuel et à leurs frais");
        REVENUE_LINES.put("C-10", "10. Contrats conclus avec d'autres organismes de formation");
        REVENUE_LINES.put("C-11", "11. Autres produits au titre de la formation professionnelle");
    }

    /** Lines of frame C the app's facts do not tell apart: shown with this note, unless a mapping sends revenue there. */
    static final Map<String, String> NOT_DISTINGUISHED = Map.of(
            "C-2a", "Dispositif de l'OPCO non enregistré : compté en 2h.",
            "C-2b", "Dispositif de l'OPCO non enregistré : compté en 2h.",
            "C-2c", "Dispositif de l'OPCO non enregistré : compté en 2h.",
            "C-2d", "Dispositif de l'OPCO non enregistré : compté en 2h.",
            "C-2e", "Dispositif de l'OPCO non enregistré : compté en 2h.",
            "C-2f", "Dispositif de l'OPCO non enregistré : compté en 2h.",
            "C-4", "Aucun financeur européen dans l'application.",
            "C-10", "Les organismes de formation clients ne sont pas distingués : comptés en ligne 1.");

    /** What is invoiced but is not training revenue, reported beside frame C. */
    static final Map<String, String> OUTSIDE_LINES = new LinkedHashMap<>();

    static {
        OUTSIDE_LINES.put("FEES", "Frais d'annulation et de report (O5) : indemnités, hors produits de la formation");
        OUTSIDE_LINES.put("LATE", "Pénalités de retard et indemnités forfaitaires de recouvrement (L1, L2)");
    }

    /** The outside line of a fee invoice's line, by the rule it cites. */
    static String outsideLine(String ruleId) {
        return ruleId != null && (ruleId.startsWith("L1") || ruleId.startsWith("L2")) ? "LATE" : "FEES";
    }

    /** Frame F-3: a training's {@code bpf_objective} and its line. */
    static final Map<String, String[]> OBJECTIVES = new LinkedHashMap<>();

    static {
        OBJECTIVES.put("RNCP", new String[] {"F-3a", "a. Formations visant un diplôme, un titre à finalité professionnelle "
                + "ou un certificat de qualification professionnelle enregistré au RNCP"});
        OBJECTIVES.put("RS", new String[] {"F-3b", "b. Formations visant une certification ou une habilitation enregistrée "
                + "au répertoire spécifique"});
        OBJECTIVES.put("CQP", new String[] {"F-3c", "c. Formations visant un CQP non enregistré au RNCP ni au répertoire "
                + "spécifique"});
        OBJECTIVES.put("OTHER", new String[] {"F-3d", "d. Autres formations professionnelles"});
        OBJECTIVES.put("SKILLS_ASSESSMENT", new String[] {"F-3e", "e. Bilans de compétences"});
        OBJECTIVES.put("VAE", new String[] {"F-3f", "f. Actions d'accompagnement à la validation des acquis de l'expérience"});
    }

    /** What the form asks and the app does not hold: listed as such, never invented. */
    static final List<Unfilled> UNFILLED = List.of(
            new Unfilled("C", "Part du chiffre d'affaires global réalisée au titre de la formation professionnelle",
                    "Le chiffre d'affaires global de LEXOM (activités hors formation comprises) n'est pas dans l'application."),
            new Unfilled("D", "Charges de l'organisme : total des charges, salaires des formateurs, achats de prestations "
                    + "de formation et honoraires",
                    "La comptabilité générale de LEXOM n'est pas dans l'application : à reprendre des comptes annuels."),
            new Unfilled("F-2", "Activité sous-traitée : stagiaires dont l'action a été confiée à un autre organisme",
                    "L'application n'enregistre pas de sous-traitance de formations à un autre organisme."),
            new Unfilled("F-3", "Détail des formations RNCP par niveau",
                    "Le niveau RNCP des formations n'est pas au catalogue."),
            new Unfilled("G", "Stagiaires dont la formation a été confiée à LEXOM par un autre organisme de formation",
                    "Les organismes de formation clients ne sont pas distingués (voir ligne 10)."));
}
