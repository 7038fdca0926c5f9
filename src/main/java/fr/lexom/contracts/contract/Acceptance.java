package fr.lexom.contracts.contract;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes the order firm differs by edition (S1-2025, S1-LEGACY); this checks what staff recorded.
 *
 * @param signedOn day LEXOM received the acceptance (starts the withdrawal period of an individual, W1)
 * @param document what was received, in words for the contract's timeline
 */
public record Acceptance(LocalDate signedOn, String document, boolean earlyStartWaiver) {

    /** Checks the signature form against the edition's requirements; throws with a French message per field. */
    public static Acceptance check(CgvEdition edition, ClientKind clientKind, LocalDate quoteIssuedOn, LocalDate today,
                                   Object signedOn, Object acceptanceDocument, Object acceptanceMark, Object cgvSigned,
                                   Object earlyStartWaiver) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = null;
        if (signedOn == null || signedOn.toString().isBlank()) {
            errors.put("signedOn", "Veuillez indiquer la date de réception de l'accord.");
        } else {
            try {
                String text = signedOn.toString();
                date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
                if (date.isAfter(today)) {
                    errors.put("signedOn", "La date de réception ne peut pas être dans le futur.");
                } else if (date.isBefore(quoteIssuedOn)) {
                    errors.put("signedOn", "La date de réception ne peut pas précéder l'émission du devis ("
                            + quoteIssuedOn + ").");
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.put("signedOn", "Date invalide (attendu : AAAA-MM-JJ).");
            }
        }
        String document;
        if (edition == CgvEdition.CGV_LEGACY) {
            // S1-LEGACY: "BON POUR ACCORD" + stamped, signed proposal + initialled, signed CGV.
            if (!Boolean.TRUE.equals(acceptanceMark)) {
                errors.put("acceptanceMark", "CGV antérieures : la proposition doit être paraphée, tamponnée et signée "
                        + "avec la mention manuscrite « BON POUR ACCORD ».");
            }
            if (!Boolean.TRUE.equals(cgvSigned)) {
                errors.put("cgvSigned", "CGV antérieures : les CGV doivent être paraphées et signées.");
            }
            document = "proposition « BON POUR ACCORD » et CGV signées (S1-LEGACY)";
        } else {
            // S1-2025: signed quote, signed agreement or any written acceptance, electronic included.
            if (acceptanceDocument == null || acceptanceDocument.toString().isBlank()) {
                errors.put("acceptanceDocument", "Veuillez préciser le document d'acceptation reçu.");
            }
            document = switch (String.valueOf(acceptanceDocument)) {
                case "SIGNED_QUOTE" -> "devis signé (S1-2025)";
                case "SIGNED_AGREEMENT" -> "convention de formation signée (S1-2025)";
                case "WRITTEN_ACCEPTANCE" -> "accord écrit (S1-2025)";
                case "ELECTRONIC_SIGNATURE" -> "signature électronique (S1-2025)";
                default -> {
                    errors.putIfAbsent("acceptanceDocument", "Document d'acceptation inconnu.");
                    yield null;
                }
            };
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        // W1: only an individual under the 2025 edition may ask to start before the withdrawal period ends.
        boolean waiver = edition == CgvEdition.CGV_2025 && clientKind == ClientKind.INDIVIDUAL
                && Boolean.TRUE.equals(earlyStartWaiver);
        return new Acceptance(date, document, waiver);
    }
}
