package fr.lexom.contracts.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Delivers outbox mails; a mail it could not deliver is retried later by the sender. */
public interface MailTransport {

    /** Status recorded once delivered: SENT over SMTP, KEPT when written to the drop folder. */
    String deliveredStatus();

    /** Delivers one mail; throws when it could not. */
    void deliver(PendingMail mail) throws Exception;

    /**
     * Delivers a batch of mails, in order, and returns those that were not delivered, by mail id, with the reason;
     * every other mail was delivered. {@code beforeEach} runs before each mail is handed over (the sender renews
     * its claim there when a batch takes long). A failure that hits the whole batch (the server is down) returns
     * every mail. This default delivers one mail after the other; {@link SmtpMailTransport} sends the batch over
     * one SMTP connection.
     */
    default Map<Long, Exception> deliverAll(List<PendingMail> mails, Runnable beforeEach) {
        Map<Long, Exception> failed = new LinkedHashMap<>();
        for (PendingMail mail : mails) {
            beforeEach.run();
            try {
                deliver(mail);
            } catch (Exception e) {
                failed.put(mail.id(), e);
            }
        }
        return failed;
    }
}
