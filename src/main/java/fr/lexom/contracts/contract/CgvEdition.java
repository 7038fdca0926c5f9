package fr.lexom.contracts.contract;

/** The edition of the general terms a contract was quoted under, kept for life (rulebook, "Two editions"). */
public enum CgvEdition {
    /** Page updated 2 Dec 2025: electronic acceptance, 30-day threshold, foreign clients prepay. */
    CGV_2025,
    /** "BON POUR ACCORD" + signed CGV + deposit; 15-day threshold; 6-month postponement window. */
    CGV_LEGACY
}
