package fr.lexom.contracts.notification;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends through the SMTP server of {@code spring.mail.*}. A batch goes over one SMTP connection: opening one per
 * mail (connect, greeting, EHLO, QUIT) held the sender to about 19 mails/s on a 2-core machine against a local
 * SMTP sink.
 */
class SmtpMailTransport implements MailTransport {

    private final JavaMailSender sender;
    private final String from;

    SmtpMailTransport(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public String deliveredStatus() {
        return "SENT";
    }

    @Override
    public void deliver(PendingMail mail) throws Exception {
        MimeMessage message = MimeMessages.build(sender.createMimeMessage().getSession(), mail, from);
        sender.send(message);
    }

    /**
     * {@link JavaMailSender#send(MimeMessage...)} opens one connection for all the messages (and opens a new one
     * only if the server drops it) and, when some fail, throws a {@link MailSendException} whose failed messages
     * are those not delivered, each with its reason: a recipient the server refuses fails its mail alone. When
     * the connection cannot be opened, Spring (6.2, JavaMailSenderImpl.doSend) reports every remaining message as
     * failed ("Mail server connection failed"). Each message is built with {@code beforeEach} run as its content
     * goes out (see {@link MimeMessages#build(jakarta.mail.Session, PendingMail, String, Runnable)}). An exception that names no failed message (authentication refused, or the connection failing to
     * close after the last message) cannot tell which mails went out: the whole batch counts as failed and is
     * retried with the same Message-IDs, as a single mail was before.
     */
    @Override
    public Map<Long, Exception> deliverAll(List<PendingMail> mails, Runnable beforeEach) {
        Map<Long, Exception> failed = new LinkedHashMap<>();
        Map<MimeMessage, PendingMail> byMessage = new IdentityHashMap<>();
        List<MimeMessage> messages = new ArrayList<>(mails.size());
        Session session = sender.createMimeMessage().getSession();
        for (PendingMail mail : mails) {
            try {
                MimeMessage message = MimeMessages.build(session, mail, from, beforeEach);
                byMessage.put(message, mail);
                messages.add(message);
            } catch (Exception e) {
                failed.put(mail.id(), e); // a mail that cannot be built (a malformed address) fails alone
            }
        }
        if (messages.isEmpty()) {
            return failed;
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            Map<Object, Exception> failedMessages = e.getFailedMessages();
            if (failedMessages.isEmpty() || !byMessage.keySet().containsAll(failedMessages.keySet())) {
                messages.forEach(m -> failed.put(byMessage.get(m).id(), e));
            } else {
                failedMessages.forEach((message, reason) -> failed.put(byMessage.get(message).id(), reason));
            }
        } catch (RuntimeException e) { // MailAuthenticationException and the like: which mails went out is unknown
            messages.forEach(m -> failed.put(byMessage.get(m).id(), e));
        }
        return failed;
    }
}
