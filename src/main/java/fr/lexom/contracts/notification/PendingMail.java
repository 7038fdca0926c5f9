package fr.lexom.contracts.notification;

import java.util.List;

/** An outbox row claimed for delivery. */
public record PendingMail(long id, String messageId, String dedupKey, String letter, List<String> recipients,
                          String subject, String bodyText, String bodyHtml, int attempts) {
}
