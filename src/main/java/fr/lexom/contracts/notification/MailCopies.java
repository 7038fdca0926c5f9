package fr.lexom.contracts.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * A mail of the outbox as the message it is (RFC 822, {@code .eml}), with the documents it carries: the copy of a letter
 * that the evidence file of a contract keeps (issue 24), built exactly as the sender builds what it delivers.
 */
@Component
public class MailCopies {

    private final OutboxSender sender;
    private final MailProperties properties;

    MailCopies(OutboxSender sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    public byte[] eml(long mailId) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            MimeMessages.build(Session.getInstance(new Properties()), sender.load(mailId), properties.from()).writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not write mail " + mailId + " as a message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
