package fr.lexom.contracts.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import fr.lexom.contracts.privacy.LogMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers committed outbox mails, outside any process transaction: an SMTP outage makes mail wait and
 * never fails a task. Mails go by batches of up to {@value #BATCH}: one conditional update claims a batch
 * (PENDING to SENDING, with a token of its own), so two nodes never send the same row; the batch is read in two
 * queries, sent over one SMTP connection and its delivered mails are marked in one update. Failures retry with
 * exponential back-off until {@code maxAttempts}, then the mail is FAILED and becomes an incident in Cockpit
 * (process mail-failure). A claim older than the lease (a node died while sending) is released; the stable
 * Message-ID makes a resend after such a crash one message to the reader.
 */
@Component
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    /**
     * Mails per SMTP connection. A connection per mail held a node to ~19 mails/s; a batch also bounds what a node
     * that dies mid-batch leaves to be sent again after the lease (same Message-ID): a batch of 50 left 36 such
     * resends in the cluster test's kill -9, so 20, still an order of magnitude above one connection per mail.
     */
    static final int BATCH = 20;
    private static final int MAX_BATCHES_PER_POLL = 100;
    private static final Duration MAX_BACKOFF = Duration.ofHours(2);

    private final JdbcClient jdbc;
    private final MailTransport transport;
    private final MailProperties properties;
    private final Clock clock;
    private final ObjectProvider<RuntimeService> runtimeService;

    public OutboxSender(JdbcClient jdbc, MailTransport transport, MailProperties properties, Clock clock,
                        ObjectProvider<RuntimeService> runtimeService) {
        this.jdbc = jdbc;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.runtimeService = runtimeService;
    }

    @Scheduled(fixedDelayString = "${lexom.mail.poll-interval}", initialDelayString = "${lexom.mail.poll-interval}")
    public void poll() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.error("Outbox poll failed; will try again at the next poll", e);
        }
    }

    /** Sends every mail that is due now, batch after batch; returns how many were delivered. */
    public int sendDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                UPDATE outbox_mail SET status = 'PENDING', claimed_at = NULL, claimed_by = NULL
                WHERE status = 'SENDING' AND claimed_at < ?""")
                .param(now.minus(properties.sendingLease()))
                .update();
        int delivered = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_POLL; batch++) {
            // A mail that fails gets a later next_attempt_at, and a claimed one is SENDING: neither comes back here.
            List<Long> due = jdbc.sql("""
                    SELECT id FROM outbox_mail WHERE status = 'PENDING' AND next_attempt_at <= ?
                    ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BATCH))
                    .param(now)
                    .query(Long.class).list();
            if (due.isEmpty()) {
                break;
            }
            delivered += deliverBatch(due);
        }
        return delivered;
    }

    /**
     * One batch in five statements whatever its size (pick the due ids, claim them, read the mails, read their
     * attachments, mark the delivered ones; a failed mail adds its own update), where a claim, two reads and an
     * update per mail made four to five statements per mail.
     */
    private int deliverBatch(List<Long> due) {
        String token = UUID.randomUUID().toString();
        if (claim(due, token) == 0) {
            return 0; // another node took them all between our SELECT and our claim
        }
        List<PendingMail> mails = loadClaimed(token);
        Claim claim = new Claim(token);
        Map<Long, Exception> failed;
        try {
            failed = transport.deliverAll(mails, claim::renewIfOld);
        } catch (RuntimeException e) { // a transport that gives up on the whole batch: every mail failed
            failed = new HashMap<>();
            for (PendingMail mail : mails) {
                failed.put(mail.id(), e);
            }
        }
        List<PendingMail> sent = new ArrayList<>();
        for (PendingMail mail : mails) {
            Exception error = failed.get(mail.id());
            if (error == null) {
                sent.add(mail);
            } else {
                recordFailure(mail, error);
            }
        }
        if (!sent.isEmpty()) {
            markDelivered(sent.stream().map(PendingMail::id).toList());
            for (PendingMail mail : sent) {
                LOG.info("Mail {} ({}) delivered: {}", mail.id(), mail.letter(), transport.deliveredStatus());
            }
        }
        return sent.size();
    }

    /** Records the mails as delivered (SENT, or KEPT in the drop folder) and releases their claim, in one update. */
    private void markDelivered(List<Long> ids) {
        jdbc.sql("""
                UPDATE outbox_mail SET status = :status, sent_at = :sentAt, attempts = attempts + 1, last_error = NULL,
                claimed_at = NULL, claimed_by = NULL WHERE id IN (:ids)""")
                .param("status", transport.deliveredStatus())
                .param("sentAt", OffsetDateTime.now(clock))
                .param("ids", ids)
                .update();
    }

    /**
     * Claims the given mails that are still PENDING in one update, marking them with a token of this batch (a new
     * UUID), so that reading back the rows with that token gives exactly the mails this node won: two nodes
     * sharing the database may try to claim the same ids, the conditional update gives each row to one of them.
     * The claim is stamped with the time of the claim itself: a poll may send thousands of mails and outlast the
     * lease, and a claim stamped with the poll's start would look expired to another node while this one is still
     * sending it (that node would release it and send it a second time).
     */
    private int claim(List<Long> ids, String token) {
        return jdbc.sql("""
                UPDATE outbox_mail SET status = 'SENDING', claimed_at = :now, claimed_by = :token
                WHERE id IN (:ids) AND status = 'PENDING'""")
                .param("now", OffsetDateTime.now(clock))
                .param("token", token)
                .param("ids", ids)
                .update();
    }

    /**
     * The claim of one batch. A batch goes out over one SMTP connection and usually takes a fraction of a second;
     * should it last (a slow server), its claim is stamped again before a mail once a quarter of the lease has
     * passed since the last stamp, so that another node never takes it for the claim of a dead node while it is
     * still being sent (the lease must only be longer than the delivery of one mail).
     */
    private final class Claim {
        private final String token;
        private OffsetDateTime stampedAt = OffsetDateTime.now(clock);

        Claim(String token) {
            this.token = token;
        }

        void renewIfOld() {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (now.isAfter(stampedAt.plus(properties.sendingLease().dividedBy(4)))) {
                jdbc.sql("UPDATE outbox_mail SET claimed_at = ? WHERE claimed_by = ? AND status = 'SENDING'")
                        .params(now, token).update();
                stampedAt = now;
            }
        }
    }

    private static final String MAIL_COLUMNS =
            "id, message_id, dedup_key, letter, recipients, subject, body_text, body_html, attempts";

    /** The mails this batch claimed, with their attachments: two queries for the whole batch. */
    private List<PendingMail> loadClaimed(String token) {
        List<PendingMail> mails = jdbc.sql("SELECT " + MAIL_COLUMNS
                        + " FROM outbox_mail WHERE claimed_by = ? AND status = 'SENDING' ORDER BY id")
                .param(token)
                .query((rs, n) -> mail(rs, List.of()))
                .list();
        Map<Long, List<PendingMail.Attachment>> attachments = new HashMap<>();
        jdbc.sql("""
                SELECT a.mail_id, d.file_name, d.media_type, d.content
                FROM outbox_attachment a JOIN document d ON d.id = a.document_id
                JOIN outbox_mail m ON m.id = a.mail_id
                WHERE m.claimed_by = ? AND m.status = 'SENDING' ORDER BY a.mail_id, a.position""")
                .param(token)
                .query(rs -> {
                    attachments.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new PendingMail.Attachment(rs.getString(2), rs.getString(3), rs.getBytes(4)));
                });
        return mails.stream()
                .map(m -> withAttachments(m, attachments.getOrDefault(m.id(), List.of())))
                .toList();
    }

    /** One outbox mail with the documents it carries, as the sender delivers it (also read by {@link MailCopies}). */
    PendingMail load(long id) {
        return jdbc.sql("SELECT " + MAIL_COLUMNS + " FROM outbox_mail WHERE id = ?")
                .param(id)
                .query((rs, n) -> mail(rs, attachments(id)))
                .single();
    }

    private static PendingMail mail(ResultSet rs, List<PendingMail.Attachment> attachments) throws SQLException {
        return new PendingMail(rs.getLong("id"), rs.getString("message_id"), rs.getString("dedup_key"),
                rs.getString("letter"), Arrays.asList(rs.getString("recipients").split(",")), rs.getString("subject"),
                rs.getString("body_text"), rs.getString("body_html"), rs.getInt("attempts"), attachments);
    }

    private static PendingMail withAttachments(PendingMail m, List<PendingMail.Attachment> attachments) {
        return new PendingMail(m.id(), m.messageId(), m.dedupKey(), m.letter(), m.recipients(), m.subject(),
                m.bodyText(), m.bodyHtml(), m.attempts(), attachments);
    }

    private List<PendingMail.Attachment> attachments(long mailId) {
        return jdbc.sql("""
                SELECT d.file_name, d.media_type, d.content FROM outbox_attachment a JOIN document d ON d.id = a.document_id
                WHERE a.mail_id = ? ORDER BY a.position""")
                .param(mailId)
                .query((rs, n) -> new PendingMail.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .list();
    }

    private void recordFailure(PendingMail mail, Exception e) {
        int attempts = mail.attempts() + 1;
        boolean exhausted = attempts >= properties.maxAttempts();
        String error = abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage(), 2000);
        jdbc.sql("""
                UPDATE outbox_mail SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claimed_at = NULL,
                claimed_by = NULL WHERE id = ?""")
                .params(exhausted ? "FAILED" : "PENDING", attempts, OffsetDateTime.now(clock).plus(backoff(attempts)),
                        error, mail.id())
                .update();
        if (exhausted) {
            LOG.error("Mail {} ({}) FAILED after {} attempts: {}", mail.id(), mail.letter(), attempts, LogMasking.mask(error));
            raiseIncident(mail);
        } else {
            LOG.warn("Mail {} ({}) not delivered (attempt {}), retrying in {}: {}", mail.id(), mail.letter(),
                    attempts, backoff(attempts), LogMasking.mask(error));
        }
    }

    /** first delay, doubled at each attempt, at most two hours. */
    Duration backoff(int attempts) {
        Duration delay = properties.firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /**
     * A mail that spent its retries becomes a mail-failure process whose job fails while SMTP is down: an incident
     * managers see in Cockpit, and retry there once the mail server is back (see {@link #redeliver}).
     */
    private void raiseIncident(PendingMail mail) {
        String contract = jdbc.sql("SELECT contract_number FROM outbox_mail WHERE id = ?").param(mail.id())
                .query(String.class).optional().orElse(null);
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("mailId", mail.id());
        variables.put("letter", mail.letter());
        variables.put("contractNumber", contract);
        runtimeService.getObject().startProcessInstanceByKey("mail-failure", contract != null ? contract : mail.dedupKey(), variables);
    }

    /**
     * The mail-failure job: delivers a FAILED mail now, once (a mail already delivered is left alone); fails with
     * the reason while it cannot, so that the incident stays.
     */
    public void redeliver(long id) {
        int claimed = jdbc.sql("UPDATE outbox_mail SET status = 'SENDING', claimed_at = ? WHERE id = ? AND status IN ('FAILED', 'PENDING')")
                .params(OffsetDateTime.now(clock), id).update();
        if (claimed == 0) {
            return; // already delivered (or being delivered by the queue)
        }
        PendingMail mail = load(id);
        try {
            transport.deliver(mail);
        } catch (Exception e) {
            jdbc.sql("UPDATE outbox_mail SET status = 'FAILED', claimed_at = NULL, last_error = ? WHERE id = ?")
                    .params(abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage(), 2000), id).update();
            throw new IllegalStateException("Le courriel " + id + " (" + mail.letter() + ") n'a pas pu être remis : " + e.getMessage(), e);
        }
        markDelivered(List.of(id));
        LOG.info("Mail {} ({}) delivered after an incident: {}", id, mail.letter(), transport.deliveredStatus());
    }

    /** Puts FAILED mails back in the queue (after SMTP is repaired); returns how many. */
    public int retryFailed() {
        return jdbc.sql("UPDATE outbox_mail SET status = 'PENDING', attempts = 0, next_attempt_at = ? WHERE status = 'FAILED'")
                .param(OffsetDateTime.now(clock))
                .update();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
