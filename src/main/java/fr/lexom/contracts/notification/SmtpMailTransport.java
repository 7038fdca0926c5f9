package fr.lexom.contracts.notification;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the SMTP server of {@code spring.mail.*}. */
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
}
