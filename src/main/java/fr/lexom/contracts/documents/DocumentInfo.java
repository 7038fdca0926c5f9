package fr.lexom.contracts.documents;

import java.time.OffsetDateTime;

/** A stored document, without its bytes. */
public record DocumentInfo(long id, String contractNumber, DocumentKind kind, String reference, String title,
                           String fileName, String mediaType, int sizeBytes, String sha256, OffsetDateTime createdAt) {
}
