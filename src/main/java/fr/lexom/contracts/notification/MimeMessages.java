package fr.lexom.contracts.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the MIME message of an outbox mail, with its stable Message-ID. */
final class MimeMessages {

    private MimeMessages() {
    }

    static MimeMessage build(Session session, PendingMail mail, String from) throws MessagingException {
        return build(session, mail, from, () -> { });
    }

    /**
     * {@code beforeWrite} runs each time the message is written out, i.e. when SMTP sends its content: in a batch
     * sent by {@link org.springframework.mail.javamail.JavaMailSender#send(MimeMessage...)}, right before each
     * mail goes, where the sender renews its claim on a batch that takes long.
     */
    static MimeMessage build(Session session, PendingMail mail, String from, Runnable beforeWrite) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }

            @Override
            public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
                beforeWrite.run();
                super.writeTo(os, ignoreList);
            }
        };
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(new InternetAddress(from, true));
        helper.setTo(mail.recipients().toArray(String[]::new));
        helper.setSubject(mail.subject());
        if (mail.bodyHtml() != null) {
            helper.setText(mail.bodyText(), mail.bodyHtml());
        } else {
            helper.setText(mail.bodyText(), false);
        }
        for (PendingMail.Attachment attachment : mail.attachments()) {
            helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()), attachment.mediaType());
        }
        helper.setSentDate(new Date());
        message.setHeader("X-Lexom-Letter", mail.letter());
        message.saveChanges();
        return message;
    }
}
