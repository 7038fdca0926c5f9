package fr.lexom.contracts.notification;

import java.util.List;
import java.util.Objects;

/**
 * A mail to send once. {@code dedupKey} names the contract, the letter and its occurrence
 * ({@code DEV-2026-00001/quote-expiry-reminder/1}): the same key is accepted once, whatever retries.
 * {@code attachments}: ids of stored documents (table {@code document}) the sender attaches, in order.
 */
public record OutboxMail(String dedupKey, String contractNumber, String letter, List<String> recipients,
                         String subject, String bodyText, String bodyHtml, List<Long> attachments) {

    public OutboxMail(String dedupKey, String contractNumber, String letter, List<String> recipients, String subject,
                      String bodyText, String bodyHtml) {
        this(dedupKey, contractNumber, letter, recipients, subject, bodyText, bodyHtml, List.of());
    }

    /** The same mail, carrying these documents. */
    public OutboxMail withAttachments(List<Long> documentIds) {
        return new OutboxMail(dedupKey, contractNumber, letter, recipients, subject, bodyText, bodyHtml, documentIds);
    }

    public OutboxMail {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(letter, "letter");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(bodyText, "bodyText");
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("A mail needs at least one recipient: " + dedupKey);
        }
        recipients = List.copyOf(recipients);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
