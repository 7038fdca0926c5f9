package fr.lexom.contracts.participant;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E1 (issue 23, item 4): the participants' answers to the evaluations (tables {@code evaluation_answer},
 * {@code evaluation_objective}), one per participant and evaluation, kept with their evidence: the time, the link
 * used (its fingerprint), the client address and the user agent.
 */
@Component
public class EvaluationAnswers {

    /** An objective of the training, as its page words it, in its position. */
    public record Objective(int position, String text) {
    }

    /** The participant's self-assessment of one objective, 1 (not reached) to 5 (fully reached). */
    public record ObjectiveLevel(int position, String objective, int level) {
    }

    /** What was answered; the hot evaluation's fields or the cold one's, the others null. */
    public record Answer(Integer contentRating, Integer trainerRating, Integer organisationRating, Integer paceRating,
                         List<ObjectiveLevel> objectives, String comment, Integer appliedRating, String applied,
                         String changes) {
    }

    /** The evidence of the answer: which link (its SHA-256, never the token), from where, with what. */
    public record Evidence(String linkFingerprint, String clientAddress, String userAgent) {

        static final int USER_AGENT_MAX = 500;
        static final int ADDRESS_MAX = 64;

        public Evidence {
            clientAddress = cut(clientAddress, ADDRESS_MAX);
            userAgent = cut(userAgent, USER_AGENT_MAX);
        }

        private static String cut(String text, int max) {
            return text == null || text.length() <= max ? text : text.substring(0, max);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    EvaluationAnswers(JdbcClient jdbc, Clock clock, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = transaction;
    }

    public boolean answered(long participantId, EvaluationKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_answer WHERE participant_id = ? AND kind = ?")
                .params(participantId, kind.name()).query(Long.class).single() > 0;
    }

    /** The objectives of the participant's training, in their order on its page (table training_objective). */
    public List<Objective> objectivesOf(long participantId) {
        return jdbc.sql("""
                SELECT o.position, o.text FROM training_objective o JOIN contract c ON c.training_id = o.training_id
                JOIN participant p ON p.contract_id = c.id WHERE p.id = ? ORDER BY o.position""")
                .param(participantId).query((rs, n) -> new Objective(rs.getInt(1), rs.getString(2))).list();
    }

    /**
     * Stores the answer once, in its own transaction; false if the participant had already answered this evaluation
     * (nothing is stored then), including when two submissions race: the second one meets the UNIQUE key.
     */
    public boolean store(long participantId, EvaluationKind kind, Answer answer, Evidence evidence) {
        if (answered(participantId, kind)) {
            return false;
        }
        try {
            transaction.executeWithoutResult(status -> insert(participantId, kind, answer, evidence));
            return true;
        } catch (DuplicateKeyException twice) {
            return false;
        }
    }

    private void insert(long participantId, EvaluationKind kind, Answer a, Evidence evidence) {
        jdbc.sql("""
                INSERT INTO evaluation_answer (participant_id, kind, answered_at, content_rating, trainer_rating,
                  organisation_rating, pace_rating, applied_rating, comment, applied, changes, link_fingerprint,
                  client_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(participantId, kind.name(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        a.contentRating(), a.trainerRating(), a.organisationRating(), a.paceRating(), a.appliedRating(),
                        a.comment(), a.applied(), a.changes(), evidence.linkFingerprint(), evidence.clientAddress(),
                        evidence.userAgent())
                .update();
        if (a.objectives() == null || a.objectives().isEmpty()) {
            return;
        }
        long id = jdbc.sql("SELECT id FROM evaluation_answer WHERE participant_id = ? AND kind = ?")
                .params(participantId, kind.name()).query(Long.class).single();
        for (ObjectiveLevel level : a.objectives()) {
            jdbc.sql("INSERT INTO evaluation_objective (answer_id, position, objective, level) VALUES (?, ?, ?, ?)")
                    .params(id, level.position(), level.objective(), level.level()).update();
        }
    }

    /**
     * E1: the participant's hot self-assessment of each objective, by the objective's text (as the certificate lists
     * them); empty without an answer. An objective reworded in the catalogue since the answer is not cited.
     */
    public Map<String, Integer> hotSelfAssessments(long participantId) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT o.objective, o.level FROM evaluation_objective o JOIN evaluation_answer a ON a.id = o.answer_id
                WHERE a.participant_id = ? AND a.kind = 'HOT' ORDER BY o.position""")
                .param(participantId).query((rs, n) -> levels.put(rs.getString(1), rs.getInt(2))).list();
        return levels;
    }
}
