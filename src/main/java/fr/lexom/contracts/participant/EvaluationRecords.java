package fr.lexom.contracts.participant;

import fr.lexom.contracts.participant.EvaluationAnswers.ObjectiveLevel;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the managers read of the evaluations (E1, issue 23, item 4): who was invited to or answered which evaluation,
 * in which session of which training, and each answer. A session is a catalogue session (its code) or, for a contract
 * without one, the contract's dates and place.
 */
@Component
public class EvaluationRecords {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** A session of a training, as the managers' view groups it. */
    public record Session(String trainingReference, String trainingTitle, String key, String label, LocalDate startsOn,
                          LocalDate endsOn, String place) {
    }

    /** A participant invited to (or having answered) an evaluation. */
    public record Invited(long participantId, EvaluationKind kind, Session session) {
    }

    /** One answer with its participant, contract and session. */
    public record AnswerLine(long participantId, String contractNumber, Session session, String participant,
                             EvaluationKind kind, OffsetDateTime answeredAt, Integer contentRating, Integer trainerRating,
                             Integer organisationRating, Integer paceRating, Integer appliedRating,
                             List<ObjectiveLevel> objectives, String comment, String applied, String changes) {
    }

    private static final String FROM = """
            FROM participant p JOIN contract c ON c.id = p.contract_id JOIN training t ON t.id = c.training_id
            LEFT JOIN training_session s ON s.id = c.session_id""";
    private static final String SESSION_COLUMNS = """
            t.reference, t.title, s.code, c.starts_on, c.ends_on, c.modality, COALESCE(c.place, s.place) AS place""";

    private final JdbcClient jdbc;

    EvaluationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everyone invited to an evaluation, or who answered one without the invitation (in the room, hot). */
    public List<Invited> invited() {
        return jdbc.sql("""
                SELECT x.participant_id, x.kind, %s %s
                JOIN (SELECT participant_id, kind FROM evaluation_invitation
                      UNION SELECT participant_id, kind FROM evaluation_answer) x ON x.participant_id = p.id
                ORDER BY t.reference, c.starts_on, p.id""".formatted(SESSION_COLUMNS, FROM))
                .query((rs, n) -> new Invited(rs.getLong("participant_id"), EvaluationKind.valueOf(rs.getString("kind")),
                        session(rs)))
                .list();
    }

    /**
     * The answers, oldest first; {@code training} a training's reference (null: all), {@code from} / {@code to} Paris
     * days of the answer (null: open).
     */
    public List<AnswerLine> answers(String training, LocalDate from, LocalDate to) {
        return answers(training, null, from, to);
    }

    /** The answers of one contract's participants, oldest first (its evidence file, issue 24). */
    public List<AnswerLine> ofContract(String contractNumber) {
        return answers(null, contractNumber, null, null);
    }

    private List<AnswerLine> answers(String training, String contractNumber, LocalDate from, LocalDate to) {
        Map<Long, List<ObjectiveLevel>> objectives = objectives();
        List<String> where = new ArrayList<>(List.of("1 = 1"));
        Map<String, Object> params = new HashMap<>();
        if (contractNumber != null) {
            where.add("c.number = :contract");
            params.put("contract", contractNumber);
        }
        if (training != null) {
            where.add("t.reference = :training");
            params.put("training", training);
        }
        if (from != null) {
            where.add("a.answered_at >= :since");
            params.put("since", from.atStartOfDay(PARIS).toOffsetDateTime());
        }
        if (to != null) {
            where.add("a.answered_at < :until");
            params.put("until", to.plusDays(1).atStartOfDay(PARIS).toOffsetDateTime());
        }
        return jdbc.sql("""
                SELECT a.id, a.participant_id, c.number, p.first_name, p.last_name, a.kind, a.answered_at, a.content_rating,
                       a.trainer_rating, a.organisation_rating, a.pace_rating, a.applied_rating, a.comment, a.applied,
                       a.changes, %s %s
                JOIN evaluation_answer a ON a.participant_id = p.id
                WHERE %s
                ORDER BY a.answered_at, a.id""".formatted(SESSION_COLUMNS, FROM, String.join(" AND ", where)))
                .params(params)
                .query((rs, n) -> new AnswerLine(rs.getLong("participant_id"), rs.getString("number"), session(rs),
                        rs.getString("first_name") + " " + rs.getString("last_name"), EvaluationKind.valueOf(rs.getString("kind")),
                        rs.getObject("answered_at", OffsetDateTime.class).atZoneSameInstant(PARIS).toOffsetDateTime(),
                        integer(rs, "content_rating"), integer(rs, "trainer_rating"), integer(rs, "organisation_rating"),
                        integer(rs, "pace_rating"), integer(rs, "applied_rating"),
                        objectives.getOrDefault(rs.getLong("id"), List.of()), rs.getString("comment"),
                        rs.getString("applied"), rs.getString("changes")))
                .list();
    }

    private Map<Long, List<ObjectiveLevel>> objectives() {
        Map<Long, List<ObjectiveLevel>> byAnswer = new HashMap<>();
        jdbc.sql("SELECT answer_id, position, objective, level FROM evaluation_objective ORDER BY answer_id, position")
                .query((rs, n) -> byAnswer.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                        .add(new ObjectiveLevel(rs.getInt(2), rs.getString(3), rs.getInt(4))))
                .list();
        return byAnswer;
    }

    private static Integer integer(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Session session(java.sql.ResultSet rs) throws java.sql.SQLException {
        String code = rs.getString("code");
        LocalDate starts = rs.getObject("starts_on", LocalDate.class);
        LocalDate ends = rs.getObject("ends_on", LocalDate.class);
        String place = "REMOTE".equals(rs.getString("modality")) ? "à distance" : rs.getString("place");
        String dates = starts.equals(ends) ? "le " + DAY.format(starts) : "du " + DAY.format(starts) + " au " + DAY.format(ends);
        String key = code != null ? code : starts + " " + ends + " " + (place == null ? "" : place);
        String label = (code != null ? "Session " + code + ", " : "") + dates + (place == null ? "" : ", " + place);
        return new Session(rs.getString("reference"), rs.getString("title"), key, label, starts, ends, place);
    }
}
