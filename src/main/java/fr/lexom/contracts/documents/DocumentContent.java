package fr.lexom.contracts.documents;

/** A stored document and its bytes. */
public record DocumentContent(DocumentInfo info, byte[] bytes) {
}
