package fr.lexom.contracts.delivery;

import fr.lexom.contracts.delivery.HalfDays.HalfDay;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The online attendance of E1 (issue 23): each participant signs « présent » for a half-day while it runs, the trainer
 * countersigns it, each act kept once with its evidence (time, link identity, client address, user agent). A signature
 * outside its half-day's window is refused; a second signature of the same half-day records nothing and answers with
 * the first one's time.
 */
@Service
public class AttendanceSignatures {

    /** The stages in which a training's half-days can be signed: scheduled (early arrivals) or under way. */
    static final Set<String> SIGNABLE_STAGES = Set.of("SCHEDULED", "IN_DELIVERY");

    private final JdbcClient jdbc;
    private final HalfDays halfDays;

    AttendanceSignatures(JdbcClient jdbc, HalfDays halfDays) {
        this.jdbc = jdbc;
        this.halfDays = halfDays;
    }

    /** What was presented with the act: the link's identity (a fingerprint of the token), the address, the browser. */
    public record Evidence(String linkFingerprint, String clientAddress, String userAgent) {
        public Evidence {
            userAgent = userAgent == null ? null : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent;
            clientAddress = clientAddress == null ? null : clientAddress.length() > 64 ? clientAddress.substring(0, 64) : clientAddress;
        }
    }

    /** How a signature request ended. */
    public enum Outcome {
        /** recorded now */
        SIGNED,
        /** this half-day was already signed: nothing recorded, the first signature stands */
        ALREADY_SIGNED,
        /** the half-day is over (E1: a late signature is refused) */
        TOO_LATE,
        /** the half-day has not started yet */
        NOT_YET,
        /** not a half-day of this training, or the training does not take place (cancelled, suspended, delivered) */
        NOT_SIGNABLE
    }

    /** The outcome and the time of the signature that stands (when there is one). */
    public record Result(Outcome outcome, Instant signedAt) {
    }

    /** The training a participant or a trainer signs for. */
    public record Training(long contractId, String contractNumber, String stage, LocalDate startsOn, LocalDate endsOn,
                           Long trainerId) {

        /** Whether its half-days can be signed at all (a cancelled, suspended or delivered training's cannot). */
        public boolean signable() {
            return SIGNABLE_STAGES.contains(stage);
        }
    }

    /** The columns {@link #training} reads, from {@code contract c}. */
    private static final String TRAINING = "SELECT c.id, c.number, c.stage, c.starts_on, c.ends_on, c.trainer_id FROM contract c ";

    public Optional<Training> trainingOfParticipant(long participantId) {
        return jdbc.sql(TRAINING + "JOIN participant p ON p.contract_id = c.id WHERE p.id = ?")
                .param(participantId).query((rs, n) -> training(rs)).optional();
    }

    /** The trainings {@code trainerId} delivers whose half-days can be countersigned at {@code now}, by start. */
    public List<Training> trainingsOfTrainer(long trainerId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, HalfDays.PARIS);
        return jdbc.sql(TRAINING + "WHERE c.trainer_id = ? AND c.starts_on <= ? AND c.ends_on >= ? ORDER BY c.starts_on, c.number")
                .params(trainerId, today, today.minusDays(1)).query((rs, n) -> training(rs)).list().stream()
                .filter(Training::signable).toList();
    }

    private static Training training(java.sql.ResultSet rs) throws java.sql.SQLException {
        long trainer = rs.getLong("trainer_id");
        return new Training(rs.getLong("id"), rs.getString("number"), rs.getString("stage"),
                rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class), rs.wasNull() ? null : trainer);
    }

    /** E1: {@code participantId} signs {@code halfDay} at {@code now}. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Result sign(long participantId, LocalDate day, String half, Evidence evidence, Instant now) {
        Training training = trainingOfParticipant(participantId).orElse(null);
        Optional<Instant> existing = signatureOf(participantId, day, half);
        if (existing.isPresent()) {
            return new Result(Outcome.ALREADY_SIGNED, existing.get());
        }
        Outcome refusal = refusal(training, day, half, now, false);
        if (refusal != null) {
            return new Result(refusal, null);
        }
        try {
            jdbc.sql("""
                    INSERT INTO attendance_signature (participant_id, session_day, half_day, signed_at, link_fingerprint,
                                                      client_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(participantId, day, half, Timestamp.from(now), evidence.linkFingerprint(),
                            evidence.clientAddress(), evidence.userAgent()).update();
        } catch (DuplicateKeyException signedMeanwhile) {
            // the same half-day signed twice at once (a double tap): the first one stands
            return new Result(Outcome.ALREADY_SIGNED, null);
        }
        return new Result(Outcome.SIGNED, now);
    }

    /** E1: the trainer of the contract countersigns {@code halfDay} at {@code now}. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Result countersign(long trainerId, long contractId, LocalDate day, String half, Evidence evidence, Instant now) {
        Training training = jdbc.sql(TRAINING + "WHERE c.id = ?").param(contractId).query((rs, n) -> training(rs)).optional()
                .filter(t -> t.trainerId() != null && t.trainerId() == trainerId).orElse(null);
        Optional<Instant> existing = countersignatureOf(contractId, day, half);
        if (training != null && existing.isPresent()) {
            return new Result(Outcome.ALREADY_SIGNED, existing.get());
        }
        Outcome refusal = refusal(training, day, half, now, true);
        if (refusal != null) {
            return new Result(refusal, null);
        }
        try {
            jdbc.sql("""
                    INSERT INTO attendance_countersignature (contract_id, session_day, half_day, trainer_id, signed_at,
                                                             link_fingerprint, client_address, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(contractId, day, half, trainerId, Timestamp.from(now), evidence.linkFingerprint(),
                            evidence.clientAddress(), evidence.userAgent()).update();
        } catch (DuplicateKeyException signedMeanwhile) {
            return new Result(Outcome.ALREADY_SIGNED, null);
        }
        return new Result(Outcome.SIGNED, now);
    }

    private Outcome refusal(Training training, LocalDate day, String half, Instant now, boolean trainer) {
        if (training == null || !training.signable() || day == null || !List.of("AM", "PM").contains(half)
                || day.isBefore(training.startsOn()) || day.isAfter(training.endsOn())) {
            return Outcome.NOT_SIGNABLE;
        }
        HalfDay halfDay = halfDays.of(day, half);
        boolean open = trainer ? halfDays.trainerMayCountersign(halfDay, now) : halfDays.participantMaySign(halfDay, now);
        if (open) {
            return null;
        }
        return now.isBefore(halfDay.start()) ? Outcome.NOT_YET : Outcome.TOO_LATE;
    }

    public Optional<Instant> signatureOf(long participantId, LocalDate day, String half) {
        return jdbc.sql("SELECT signed_at FROM attendance_signature WHERE participant_id = ? AND session_day = ? AND half_day = ?")
                .params(participantId, day, half).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public Optional<Instant> countersignatureOf(long contractId, LocalDate day, String half) {
        return jdbc.sql("SELECT signed_at FROM attendance_countersignature WHERE contract_id = ? AND session_day = ? AND half_day = ?")
                .params(contractId, day, half).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Every signature of a contract's participants, keyed as the attendance task's slots ("id|day|AM"). */
    public Map<String, Instant> signedSlots(long contractId) {
        Map<String, Instant> slots = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT s.participant_id, s.session_day, s.half_day, s.signed_at FROM attendance_signature s
                JOIN participant p ON p.id = s.participant_id WHERE p.contract_id = ?
                ORDER BY s.session_day, s.half_day, s.participant_id""").param(contractId)
                .query(rs -> {
                    slots.put(rs.getLong("participant_id") + "|" + rs.getObject("session_day", LocalDate.class) + "|"
                            + rs.getString("half_day"), rs.getTimestamp("signed_at").toInstant());
                });
        return slots;
    }
}
