package fr.lexom.contracts.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes mails to the outbox in the caller's transaction (a process step's): the mail exists if and only if
 * the step committed. The {@link OutboxSender} delivers it after commit.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The occurrence the next mail of a task will have, its keys being {@code keyPrefix + occurrence [+ "/" + ...]}:
     * 1 the first time the task sends its letter, 2 the second time (a second reminder)... Read from the outbox
     * itself, in the caller's transaction: a job that fails rolls its mails back and, retried, gets the same
     * occurrence, so the same keys.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int nextOccurrence(String contractNumber, String keyPrefix) {
        String pattern = keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbc.sql("SELECT dedup_key FROM outbox_mail WHERE contract_number = ? AND dedup_key LIKE ? ESCAPE '!'")
                .params(contractNumber, pattern).query(String.class).list().stream()
                .map(key -> key.substring(keyPrefix.length()).split("/", 2)[0])
                .filter(occurrence -> occurrence.matches("[0-9]{1,9}"))
                .mapToInt(Integer::parseInt).max().orElse(0) + 1;
    }

    /**
     * Queues the mail unless a mail with the same key exists; returns whether it was queued. The check and the
     * insert are one statement; two concurrent callers with one key: the unique index fails the second
     * transaction, whose job the engine retries.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutboxMail mail) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int queued = jdbc.sql("""
                INSERT INTO outbox_mail (dedup_key, message_id, contract_number, letter, recipients, subject,
                                         body_text, body_html, status, attempts, next_attempt_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ? FROM (VALUES (1)) AS one (x)
                WHERE NOT EXISTS (SELECT 1 FROM outbox_mail WHERE dedup_key = ?)""")
                .params(mail.dedupKey(), messageId(mail.dedupKey()), mail.contractNumber(), mail.letter(),
                        String.join(",", mail.recipients()), mail.subject(), mail.bodyText(), mail.bodyHtml(),
                        OffsetDateTime.now(clock), mail.dedupKey())
                .update(key, "id");
        if (queued == 0) {
            return false;
        }
        if (!mail.attachments().isEmpty()) {
            long id = key.getKeyAs(Number.class).longValue();
            int position = 1;
            for (Long documentId : mail.attachments()) {
                jdbc.sql("INSERT INTO outbox_attachment (mail_id, position, document_id) VALUES (?, ?, ?)")
                        .params(id, position++, documentId).update();
            }
        }
        return true;
    }

    /** The mails of a contract, oldest first, with their status and the documents they carry. */
    public List<SentMail> ofContract(String contractNumber) {
        return jdbc.sql("""
                SELECT id, letter, recipients, subject, body_text, status, attempts, created_at, sent_at, last_error
                FROM outbox_mail WHERE contract_number = ? ORDER BY id""")
                .param(contractNumber)
                .query((rs, n) -> new SentMail(rs.getLong("id"), rs.getString("letter"),
                        List.of(rs.getString("recipients").split(",")), rs.getString("subject"), rs.getString("body_text"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("sent_at", OffsetDateTime.class), rs.getString("last_error"),
                        jdbc.sql("SELECT document_id FROM outbox_attachment WHERE mail_id = ? ORDER BY position")
                                .param(rs.getLong("id")).query(Long.class).list()))
                .list();
    }

    /** A Message-ID derived from the key: a mail delivered twice after a crash is one message to the reader. */
    static String messageId(String dedupKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@lexom-training-contracts>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
