package fr.lexom.contracts.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A mail of the outbox as the message it is (RFC 822, {@code .eml}), with the documents it carries: the copy of a letter
 * that the evidence file of a contract keeps (issue 24), built as the sender builds what it delivers, with two
 * differences. Its {@code Date} is when the mail left (or was written, if it has not left), not when the copy is made.
 * And the personal links it carried to a participant or a trainer (their attendance and evaluation pages) are replaced
 * by a note: a link is a key to someone's page until it expires, and the evidence file is handed to auditors and funders.
 */
@Component
public class MailCopies {

    /** What replaces a personal link in a copy. */
    public static final String LINK_REMOVED = "[lien personnel retiré du dossier de preuves]";

    /**
     * A personal link as {@code ParticipantLinks} makes them: {@code /p/<token>}, {@code /p/formateur/<token>}, and the
     * pages under a participant's token ({@code /evaluation/chaud}); the token is two base64url parts joined by a dot.
     */
    private static final Pattern PERSONAL_LINK = Pattern.compile(
            "(?:https?://[^\\s\"'<>/]+)?/p/(?:formateur/)?[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(?:/[A-Za-z0-9_/-]*)?");

    private final OutboxSender sender;
    private final MailProperties properties;

    MailCopies(OutboxSender sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** Whether a mail's text carries a personal link, which its copy does not. */
    public static boolean carriesPersonalLink(String text) {
        return text != null && PERSONAL_LINK.matcher(text).find();
    }

    static String withoutPersonalLinks(String text) {
        return text == null ? null : PERSONAL_LINK.matcher(text).replaceAll(LINK_REMOVED);
    }

    /** The copy of mail {@code mailId}, dated {@code at}. */
    public byte[] eml(long mailId, OffsetDateTime at) {
        PendingMail mail = sender.load(mailId);
        PendingMail copy = new PendingMail(mail.id(), mail.messageId(), mail.dedupKey(), mail.letter(), mail.recipients(),
                mail.subject(), withoutPersonalLinks(mail.bodyText()), withoutPersonalLinks(mail.bodyHtml()),
                mail.attempts(), mail.attachments());
        try {
            MimeMessage message = MimeMessages.build(Session.getInstance(new Properties()), copy, properties.from());
            message.setSentDate(Date.from(at.toInstant()));
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not write mail " + mailId + " as a message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
