package fr.lexom.contracts.notification;

/** Delivers one outbox mail; throws when it could not, and the sender retries later. */
public interface MailTransport {

    /** Status recorded once delivered: SENT over SMTP, KEPT when written to the drop folder. */
    String deliveredStatus();

    void deliver(PendingMail mail) throws Exception;
}
