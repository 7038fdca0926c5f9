package fr.lexom.contracts.notification;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * With no SMTP server configured, mail is kept: each one becomes a readable .eml file (open it with any mail
 * client) in the drop folder, and stays in the outbox with status KEPT. Nothing is lost, no task fails.
 */
class FileDropMailTransport implements MailTransport {

    private final Path folder;
    private final String from;

    FileDropMailTransport(Path folder, String from) {
        this.folder = folder;
        this.from = from;
    }

    @Override
    public String deliveredStatus() {
        return "KEPT";
    }

    @Override
    public void deliver(PendingMail mail) throws Exception {
        Files.createDirectories(folder);
        MimeMessage message = MimeMessages.build(Session.getInstance(new Properties()), mail, from);
        Path target = folder.resolve(fileName(mail));
        Path temporary = Files.createTempFile(folder, "mail-", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            message.writeTo(out);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String fileName(PendingMail mail) {
        String safeKey = mail.dedupKey().replaceAll("[^A-Za-z0-9._-]", "_");
        return String.format("%06d-%s.eml", mail.id(), safeKey);
    }
}
