package fr.lexom.contracts.notification;

import java.util.List;

/** An outbox row claimed for delivery, with the documents it carries. */
public record PendingMail(long id, String messageId, String dedupKey, String letter, List<String> recipients,
                          String subject, String bodyText, String bodyHtml, int attempts, List<Attachment> attachments) {

    /** A document attached to the mail. */
    public record Attachment(String fileName, String mediaType, byte[] content) {
    }
}
