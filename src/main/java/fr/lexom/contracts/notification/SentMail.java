package fr.lexom.contracts.notification;

import java.time.OffsetDateTime;
import java.util.List;

/** A mail of a contract as staff read it: what was written, to whom, when it left, and the documents it carried. */
public record SentMail(long id, String letter, List<String> recipients, String subject, String body, String status,
                       int attempts, OffsetDateTime createdAt, OffsetDateTime sentAt, String lastError,
                       List<Long> documentIds) {
}
