package fr.lexom.contracts.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the attendance sheet prints of a contract's half-days (E1, issue 23): the participants' signatures and the
 * trainer's countersignatures (their times only: the evidence, address and user agent, stays in the tables), the
 * attendance of record entered by coordination, and the trainer.
 */
@Component
class AttendanceRecords {

    /** The trainer who delivers the contract's training. */
    record Trainer(String fullName, boolean internal) {
    }

    /** Coordination's entry for one participant and half-day (table {@code attendance}). */
    record Entry(boolean present, String recordedBy) {
    }

    private final JdbcClient jdbc;

    AttendanceRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Trainer> trainer(long contractId) {
        return jdbc.sql("SELECT t.full_name, t.kind FROM contract c JOIN trainer t ON t.id = c.trainer_id WHERE c.id = ?")
                .param(contractId)
                .query((rs, n) -> new Trainer(rs.getString(1), "INTERNAL".equals(rs.getString(2))))
                .optional();
    }

    /** When each participant signed each half-day, by {@link #key(long, LocalDate, String)}. */
    Map<String, Instant> signatures(long contractId) {
        Map<String, Instant> signed = new HashMap<>();
        jdbc.sql("""
                SELECT s.participant_id, s.session_day, s.half_day, s.signed_at
                FROM attendance_signature s JOIN participant p ON p.id = s.participant_id WHERE p.contract_id = ?""")
                .param(contractId)
                .query(rs -> {
                    signed.put(key(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3)),
                            rs.getObject(4, OffsetDateTime.class).toInstant());
                });
        return signed;
    }

    /** When the trainer countersigned each half-day, by {@link #key(LocalDate, String)}. */
    Map<String, Instant> countersignatures(long contractId) {
        Map<String, Instant> countersigned = new HashMap<>();
        jdbc.sql("SELECT session_day, half_day, signed_at FROM attendance_countersignature WHERE contract_id = ?")
                .param(contractId)
                .query(rs -> {
                    countersigned.put(key(rs.getObject(1, LocalDate.class), rs.getString(2)),
                            rs.getObject(3, OffsetDateTime.class).toInstant());
                });
        return countersigned;
    }

    /** Coordination's entries, by {@link #key(long, LocalDate, String)}; none before « Enregistrer l'émargement ». */
    Map<String, Entry> entries(long contractId) {
        Map<String, Entry> entries = new HashMap<>();
        jdbc.sql("""
                SELECT a.participant_id, a.session_day, a.half_day, a.present, a.recorded_by
                FROM attendance a JOIN participant p ON p.id = a.participant_id WHERE p.contract_id = ?""")
                .param(contractId)
                .query(rs -> {
                    entries.put(key(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3)),
                            new Entry(rs.getBoolean(4), rs.getString(5)));
                });
        return entries;
    }

    static String key(long participantId, LocalDate day, String half) {
        return participantId + "|" + key(day, half);
    }

    static String key(LocalDate day, String half) {
        return day + "|" + half;
    }
}
