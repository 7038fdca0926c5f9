package fr.lexom.contracts.delivery;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who delivers a training (issue 23, item 5): a trainer, internal (LEXOM's staff) or external, known by their e-mail
 * address. A catalogue session names its trainer; a contract keeps the trainer who delivers it, taken from its session
 * when the quote is made and changed by coordination; the trainer countersigns each half-day by their own link.
 */
@Service
public class Trainers {

    public enum Kind { INTERNAL, EXTERNAL }

    public record Trainer(long id, Kind kind, String fullName, String email) {

        /** « Claire Vidal (formatrice interne) ». */
        public String label() {
            return fullName + (kind == Kind.INTERNAL ? " (interne)" : " (externe)");
        }
    }

    private final JdbcClient jdbc;

    Trainers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The trainer with this address, created or brought up to date (name, kind). */
    @Transactional
    public Trainer save(Kind kind, String fullName, String email) {
        String address = email.trim().toLowerCase(java.util.Locale.ROOT);
        int updated = jdbc.sql("UPDATE trainer SET kind = ?, full_name = ? WHERE email = ?").params(kind.name(), fullName.trim(), address)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO trainer (kind, full_name, email) VALUES (?, ?, ?)").params(kind.name(), fullName.trim(), address)
                    .update();
        }
        return byEmail(address).orElseThrow();
    }

    public Optional<Trainer> byEmail(String email) {
        return jdbc.sql("SELECT id, kind, full_name, email FROM trainer WHERE email = ?").param(email)
                .query((rs, n) -> trainer(rs)).optional();
    }

    public Optional<Trainer> byId(long id) {
        return jdbc.sql("SELECT id, kind, full_name, email FROM trainer WHERE id = ?").param(id)
                .query((rs, n) -> trainer(rs)).optional();
    }

    public Optional<Trainer> ofContract(long contractId) {
        return jdbc.sql("SELECT t.id, t.kind, t.full_name, t.email FROM trainer t JOIN contract c ON c.trainer_id = t.id WHERE c.id = ?")
                .param(contractId).query((rs, n) -> trainer(rs)).optional();
    }

    /** {@code trainer} delivers the contract numbered {@code number}; returns false when there is no such contract. */
    @Transactional
    public boolean assignToContract(String number, Trainer trainer) {
        return jdbc.sql("UPDATE contract SET trainer_id = ?, updated_at = CURRENT_TIMESTAMP WHERE number = ?")
                .params(trainer.id(), number).update() == 1;
    }

    /**
     * {@code trainer} delivers the session {@code code}, and so the session's contracts whose training has not ended;
     * returns false when there is no such session.
     */
    @Transactional
    public boolean assignToSession(String code, Trainer trainer, java.time.LocalDate today) {
        int updated = jdbc.sql("UPDATE training_session SET trainer_id = ? WHERE code = ?").params(trainer.id(), code).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                UPDATE contract SET trainer_id = ?, updated_at = CURRENT_TIMESTAMP
                WHERE session_id = (SELECT id FROM training_session WHERE code = ?) AND ends_on >= ?""")
                .params(trainer.id(), code, today).update();
        return true;
    }

    private static Trainer trainer(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Trainer(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("full_name"), rs.getString("email"));
    }
}
