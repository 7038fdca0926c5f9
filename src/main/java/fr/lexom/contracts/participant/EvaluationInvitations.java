package fr.lexom.contracts.participant;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * E1 (issue 23, item 4): the invitation to an evaluation, written when its letter is sent to the participant
 * (table {@code evaluation_invitation}): sent now, open until now plus the evaluation's window. Written once: a letter's
 * job run again (a retry, a second node) finds the first invitation and keeps it, so the link it prints is the same.
 */
@Component
public class EvaluationInvitations {

    /** When the invitation was sent and until when its evaluation is open. */
    public record Invitation(Instant sentAt, Instant closesAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EvaluationProperties properties;

    EvaluationInvitations(JdbcClient jdbc, Clock clock, EvaluationProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Records the invitation unless there is one; returns the invitation that stands (the first one). */
    public Invitation invite(long participantId, EvaluationKind kind) {
        Instant now = clock.instant();
        Optional<Invitation> existing = find(participantId, kind);
        if (existing.isPresent()) {
            return existing.get();
        }
        // two jobs at once (they should not be): the second one's insert fails on the primary key, and its retry
        // finds the first invitation
        jdbc.sql("""
                INSERT INTO evaluation_invitation (participant_id, kind, sent_at, closes_at)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS
                  (SELECT 1 FROM evaluation_invitation WHERE participant_id = ? AND kind = ?)""")
                .params(participantId, kind.name(), at(now), at(now.plus(properties.window(kind))), participantId, kind.name())
                .update();
        return find(participantId, kind).orElseThrow();
    }

    public Optional<Invitation> find(long participantId, EvaluationKind kind) {
        return jdbc.sql("SELECT sent_at, closes_at FROM evaluation_invitation WHERE participant_id = ? AND kind = ?")
                .params(participantId, kind.name())
                .query((rs, n) -> new Invitation(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
