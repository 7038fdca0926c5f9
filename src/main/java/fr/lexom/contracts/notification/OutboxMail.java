package fr.lexom.contracts.notification;

import java.util.List;
import java.util.Objects;

/**
 * A mail to send once. {@code dedupKey} names the contract, the letter and its occurrence
 * ({@code DEV-2026-00001/quote-expiry-reminder/1}): the same key is accepted once, whatever retries.
 */
public record OutboxMail(String dedupKey, String contractNumber, String letter, List<String> recipients,
                         String subject, String bodyText, String bodyHtml) {

    public OutboxMail {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(letter, "letter");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(bodyText, "bodyText");
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("A mail needs at least one recipient: " + dedupKey);
        }
        recipients = List.copyOf(recipients);
    }
}
