package fr.lexom.contracts.documents;

/** What a stored document is (table {@code document}). */
public enum DocumentKind {
    /** Q2: the quote, standing as the training agreement (Code du travail D6353-1). */
    QUOTE,
    /** An invoice, as Factur-X (PDF/A-3 with its CII XML). */
    INVOICE,
    /** A credit note (avoir), as Factur-X. */
    CREDIT_NOTE,
    /** E1: the end-of-training certificate of one participant. */
    CERTIFICATE,
    /** R1, R2: the formal notice citing the resolution clause. */
    FORMAL_NOTICE,
    /** E1, O3: the attendance sheet signed per half-day, archived with the funder's invoice it goes with (reference). */
    ATTENDANCE_SHEET
}
