package fr.lexom.contracts.api;

import fr.lexom.contracts.security.Plausibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of /api, validated before anything is touched (French messages, one per field). */
final class ApiBodies {

    static final String REFERENCE = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$";
    static final String REFERENCE_MESSAGE = "Référence externe : 1 à 100 caractères parmi lettres, chiffres et . _ : / -";
    static final String NAME = "^[^<>\\r\\n]{1,100}$";

    private ApiBodies() {
    }

    /** Same content as the "Nouveau devis" form (Q2). */
    record QuoteBody(
            @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String externalReference,
            @NotNull(message = "obligatoire") @Pattern(regexp = "LEGAL_ENTITY|INDIVIDUAL|PUBLIC_BODY", message = "LEGAL_ENTITY, INDIVIDUAL ou PUBLIC_BODY") String clientKind,
            @NotBlank(message = "obligatoire") @Size(max = 200, message = "200 caractères au plus") String clientName,
            @Pattern(regexp = "^\\d{14}$", message = "14 chiffres") String clientSiret,
            @Pattern(regexp = "^[A-Z]{2}$", message = "code pays ISO à deux lettres majuscules (FR, CH...)") String clientCountry,
            @NotBlank(message = "obligatoire") @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "254 caractères au plus") String clientEmail,
            @Size(max = 200, message = "200 caractères au plus") String clientAddress,
            @Size(max = 20, message = "20 caractères au plus") String clientPostalCode,
            @Size(max = 100, message = "100 caractères au plus") String clientCity,
            @NotBlank(message = "obligatoire") @Size(max = 40, message = "40 caractères au plus") String trainingReference,
            @Size(max = 40, message = "40 caractères au plus") String sessionCode,
            @NotNull(message = "obligatoire") LocalDate startDate,
            @NotNull(message = "obligatoire") LocalDate endDate,
            @NotNull(message = "obligatoire") @Pattern(regexp = "ON_SITE|REMOTE", message = "ON_SITE ou REMOTE") String modality,
            @Size(max = 300, message = "300 caractères au plus") String place,
            @NotEmpty(message = "au moins un participant") @Size(max = 100, message = "100 participants au plus") List<@Valid @NotNull ParticipantBody> participants,
            @NotNull(message = "obligatoire") @DecimalMin(value = "0.01", message = "doit être positif") @Digits(integer = 9, fraction = 2, message = "2 décimales au plus, moins d'un milliard") BigDecimal priceNet,
            @DecimalMin(value = "0", message = "entre 0 et 99,99") @DecimalMax(value = Plausibility.MAX_VAT_PERCENT_TEXT, message = "entre 0 et 99,99") @Digits(integer = 2, fraction = 2, message = "2 décimales au plus") BigDecimal vatRate,
            Boolean vatExempt,
            @Size(max = 40, message = "40 caractères au plus") String funderCode,
            @Pattern(regexp = "CGV_2025|CGV_LEGACY", message = "CGV_2025 ou CGV_LEGACY") String cgvEdition) {
    }

    record ParticipantBody(
            @NotBlank(message = "obligatoire") @Pattern(regexp = NAME, message = "1 à 100 caractères, sans < > ni retour à la ligne") String firstName,
            @NotBlank(message = "obligatoire") @Pattern(regexp = NAME, message = "1 à 100 caractères, sans < > ni retour à la ligne") String lastName,
            @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "254 caractères au plus") String email) {
    }

    /** S1: what the e-signature service or the website reports. */
    record AcceptanceBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String externalReference,
            @NotNull(message = "obligatoire") @PastOrPresent(message = "ne peut pas être dans le futur") LocalDate signedOn,
            @Pattern(regexp = "SIGNED_QUOTE|SIGNED_AGREEMENT|WRITTEN_ACCEPTANCE|ELECTRONIC_SIGNATURE", message = "SIGNED_QUOTE, SIGNED_AGREEMENT, WRITTEN_ACCEPTANCE ou ELECTRONIC_SIGNATURE") String acceptanceDocument,
            Boolean acceptanceMark,
            Boolean cgvSigned,
            Boolean earlyStartWaiver) {
    }

    /** W1, W3. */
    record WithdrawalBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String externalReference,
            @NotNull(message = "obligatoire") @PastOrPresent(message = "ne peut pas être dans le futur") LocalDate receivedOn) {
    }

    /** C0: a written cancellation or postponement request, dated the day LEXOM received it. */
    record ClientRequestBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String externalReference,
            @NotNull(message = "obligatoire") @PastOrPresent(message = "ne peut pas être dans le futur") LocalDate receivedOn,
            LocalDate requestedStartDate) {
    }

    /** O2. */
    record FundingDecisionBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String externalReference,
            @NotNull(message = "obligatoire") @Pattern(regexp = "GRANTED|REFUSED", message = "GRANTED ou REFUSED") String decision,
            @DecimalMin(value = "0.01", message = "doit être positif") @Digits(integer = 9, fraction = 2, message = "2 décimales au plus, moins d'un milliard") BigDecimal grantedAmount,
            @Size(max = 100, message = "100 caractères au plus") String agreementReference) {
    }

    /** A payment from the bank feed, a funder's portal or accounting's tools. */
    record PaymentBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String externalReference,
            @Pattern(regexp = "^[A-Z]{2}-\\d{4}-\\d{5}$", message = "numéro de facture au format FA-2026-00001") String invoiceNumber,
            @Pattern(regexp = "^[A-Z]{3}-\\d{4}-\\d{5}$", message = "numéro de contrat au format DEV-2026-00001") String contractNumber,
            @NotNull(message = "obligatoire") @DecimalMin(value = "0.01", message = "doit être positif") @Digits(integer = 9, fraction = 2, message = "2 décimales au plus, moins d'un milliard") BigDecimal amount,
            @NotNull(message = "obligatoire") @PastOrPresent(message = "ne peut pas être dans le futur") LocalDate receivedOn,
            @Size(max = 200, message = "200 caractères au plus") String payer) {
    }
}
