package fr.lexom.contracts.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.activation.FileTypeMap;
import java.io.IOException;
import java.io.OutputStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the MIME message of an outbox mail, with its stable Message-ID. */
final class MimeMessages {

    /**
     * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader (a scan of every jar on the class path) each
     * time a multipart, a body part or a header block is made (jakartaee/mail-api#699): with the implementation named,
     * the lookup is a class-loader hit. Measured by the lifecycle benchmark's profile: ~4 % of the app's CPU, on the
     * sending side and in the SMTP server a test runs in the same JVM. A property set by the platform wins.
     */
    static {
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /**
     * A MimeMessageHelper made on a plain MimeMessage parses the activation framework's mime.types files for itself
     * (every jar again); one map serves every mail. Attachments carry their media type, so it is only a fallback.
     */
    private static final FileTypeMap FILE_TYPES = fileTypes();

    private MimeMessages() {
    }

    private static FileTypeMap fileTypes() {
        ConfigurableMimeFileTypeMap map = new ConfigurableMimeFileTypeMap();
        map.afterPropertiesSet();
        return map;
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
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8") {
            @Override
            protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return FILE_TYPES;
            }
        };
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
        // the app's one clock (ClockConfig: the engine's), as every date of the letter itself
        helper.setSentDate(ClockUtil.now());
        message.setHeader("X-Lexom-Letter", mail.letter());
        message.saveChanges();
        return message;
    }
}
