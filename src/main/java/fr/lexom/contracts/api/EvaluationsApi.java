package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.MANAGERS;

import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.participant.EvaluationAnswers.ObjectiveLevel;
import fr.lexom.contracts.participant.EvaluationKind;
import fr.lexom.contracts.participant.EvaluationRecords;
import fr.lexom.contracts.participant.EvaluationRecords.AnswerLine;
import fr.lexom.contracts.participant.EvaluationRecords.Invited;
import fr.lexom.contracts.participant.EvaluationRecords.Session;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static fr.lexom.contracts.participant.EvaluationFigures.average;
import static fr.lexom.contracts.participant.EvaluationFigures.responseRate;

/**
 * The evaluations collected (E1, issue 23, item 4), for the managers: figures per training and session (invited,
 * answered, response rate, the mean of each rating, exact to two decimals), the answers of a session, and every
 * answer as CSV. Managers and administrators only.
 */
@RestController
@Tag(name = "Évaluations")
@SecurityRequirement(name = "basic")
@RequiresGroups(MANAGERS)
class EvaluationsApi {

    static final String CSV = "text/csv";

    /** The hot evaluation of a session or training: response and the means of its ratings (1 to 5). */
    record HotFigures(long invited, long answered, BigDecimal responseRate, BigDecimal content, BigDecimal trainer,
                      BigDecimal organisation, BigDecimal pace, BigDecimal objectives) {
    }

    /** The cold evaluation: response and the mean of « J'ai pu mettre en pratique ce que j'ai appris » (1 to 5). */
    record ColdFigures(long invited, long answered, BigDecimal responseRate, BigDecimal applied) {
    }

    record SessionView(String key, String label, LocalDate startsOn, LocalDate endsOn, String place, HotFigures hot,
                       ColdFigures cold) {
    }

    record TrainingView(String reference, String title, HotFigures hot, ColdFigures cold, List<SessionView> sessions) {
    }

    record AnswerView(String contractNumber, String participant, String kind, String kindLabel, OffsetDateTime answeredAt,
                      Integer contentRating, Integer trainerRating, Integer organisationRating, Integer paceRating,
                      List<ObjectiveLevel> objectives, Integer appliedRating, String comment, String applied,
                      String changes) {
    }

    private final EvaluationRecords records;

    EvaluationsApi(EvaluationRecords records) {
        this.records = records;
    }

    @GetMapping(path = "/api/manager/evaluations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Évaluations (E1) par formation et par session : invités, réponses, taux de réponse (%) et "
            + "moyenne de chaque note (à chaud : contenu, formateur, organisation, rythme, auto-évaluation des objectifs ; "
            + "à froid : mise en pratique), à deux décimales")
    Map<String, Object> summary() {
        List<Invited> invited = records.invited();
        List<AnswerLine> answers = records.answers(null, null, null);
        Map<String, List<Invited>> invitedByTraining = invited.stream()
                .collect(Collectors.groupingBy(i -> i.session().trainingReference(), LinkedHashMap::new, Collectors.toList()));
        List<TrainingView> trainings = new ArrayList<>();
        invitedByTraining.forEach((reference, of) -> {
            List<AnswerLine> answered = answers.stream().filter(a -> a.session().trainingReference().equals(reference)).toList();
            Map<String, List<Invited>> bySession = of.stream()
                    .collect(Collectors.groupingBy(i -> i.session().key(), LinkedHashMap::new, Collectors.toList()));
            List<SessionView> sessions = bySession.values().stream().map(in -> {
                Session s = in.get(0).session();
                List<AnswerLine> its = answered.stream().filter(a -> a.session().key().equals(s.key())).toList();
                return new SessionView(s.key(), s.label(), s.startsOn(), s.endsOn(), s.place(), hot(in, its), cold(in, its));
            }).toList();
            trainings.add(new TrainingView(reference, of.get(0).session().trainingTitle(), hot(of, answered), cold(of, answered),
                    sessions));
        });
        return Map.of("trainings", trainings);
    }

    @GetMapping(path = "/api/manager/evaluations/answers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Les réponses aux évaluations d'une session (participant, date, notes, textes)")
    List<AnswerView> answers(@Parameter(description = "La référence de la formation (RCL-APPL-03)") @RequestParam String training,
                             @Parameter(description = "La clé de la session, telle que /api/manager/evaluations la donne")
                             @RequestParam String session) {
        return records.answers(training, null, null).stream().filter(a -> a.session().key().equals(session))
                .map(a -> new AnswerView(a.contractNumber(), a.participant(), a.kind().name(), a.kind().label(), a.answeredAt(),
                        a.contentRating(), a.trainerRating(), a.organisationRating(), a.paceRating(), a.objectives(),
                        a.appliedRating(), a.comment(), a.applied(), a.changes()))
                .toList();
    }

    @GetMapping(path = "/api/evaluations.csv", produces = CSV)
    @Operation(summary = "Toutes les réponses aux évaluations en CSV pour Excel (UTF-8 avec BOM, séparateur « ; »), une ligne "
            + "par réponse : contract_number;training_code;session;starts_on;ends_on;participant;kind;answered_at;"
            + "content_rating;trainer_rating;organisation_rating;pace_rating;objectives (position:note|...);applied_rating;"
            + "comment;applied;changes")
    ResponseEntity<byte[]> csv(
            @Parameter(description = "Seulement cette formation (sa référence, RCL-APPL-03)") @RequestParam(required = false) String training,
            @Parameter(description = "Réponses à partir de ce jour (AAAA-MM-JJ, heure de Paris), inclus") @RequestParam(required = false) String from,
            @Parameter(description = "Réponses jusqu'à ce jour (AAAA-MM-JJ, heure de Paris), inclus") @RequestParam(required = false) String to) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate since = day("from", from, errors);
        LocalDate until = day("to", to, errors);
        if (training != null && training.length() > 40) {
            errors.put("training", "40 caractères au plus.");
        }
        if (since != null && until != null && until.isBefore(since)) {
            errors.put("to", "Le dernier jour ne peut précéder le premier.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        byte[] body = EvaluationCsv.of(records.answers(training == null || training.isBlank() ? null : training.strip(), since, until));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("evaluations.csv").build().toString())
                .body(body);
    }

    private static LocalDate day(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Date attendue au format AAAA-MM-JJ.");
            return null;
        }
    }

    private static HotFigures hot(List<Invited> invited, List<AnswerLine> answers) {
        List<AnswerLine> hot = of(answers, EvaluationKind.HOT);
        return new HotFigures(count(invited, EvaluationKind.HOT), hot.size(), responseRate(hot.size(), count(invited, EvaluationKind.HOT)),
                mean(hot, AnswerLine::contentRating), mean(hot, AnswerLine::trainerRating),
                mean(hot, AnswerLine::organisationRating), mean(hot, AnswerLine::paceRating),
                average(hot.stream().flatMap(a -> a.objectives().stream()).map(ObjectiveLevel::level).toList()));
    }

    private static ColdFigures cold(List<Invited> invited, List<AnswerLine> answers) {
        List<AnswerLine> cold = of(answers, EvaluationKind.COLD);
        return new ColdFigures(count(invited, EvaluationKind.COLD), cold.size(),
                responseRate(cold.size(), count(invited, EvaluationKind.COLD)), mean(cold, AnswerLine::appliedRating));
    }

    private static List<AnswerLine> of(List<AnswerLine> answers, EvaluationKind kind) {
        return answers.stream().filter(a -> a.kind() == kind).toList();
    }

    private static long count(List<Invited> invited, EvaluationKind kind) {
        return invited.stream().filter(i -> i.kind() == kind).count();
    }

    private static BigDecimal mean(List<AnswerLine> answers, Function<AnswerLine, Integer> rating) {
        return average(answers.stream().map(rating).filter(Objects::nonNull).toList());
    }
}
