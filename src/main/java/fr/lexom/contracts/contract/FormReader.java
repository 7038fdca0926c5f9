package fr.lexom.contracts.contract;

import fr.lexom.contracts.security.Plausibility;
import fr.lexom.contracts.security.TextRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the values a Camunda Form submits and collects a French message per wrong field; {@link #check()}
 * throws them all at once. Amounts are read from text exactly as typed, never through a floating-point number.
 */
public final class FormReader {

    static final Pattern AMOUNT = Pattern.compile("^\\d{1,9}([.,]\\d{1,2})?$");

    /** The CGV count calendar days in France: a Date-typed value is read as its day there. */
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Map<String, Object> values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    public FormReader(Map<String, Object> values) {
        this.values = values;
    }

    public Object raw(String field) {
        return values.get(field);
    }

    /**
     * The trimmed text of {@code field}, or null. A control character or an unpaired surrogate (TextRules) is refused
     * here, for every field a form gives (the engine's form handlers refuse it first, see FormTextCheck).
     */
    public String text(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (!TextRules.acceptable(field, text)) { // before trimming: trim() would drop a NUL at either end
            errors.put(field, TextRules.MESSAGE);
        }
        text = text.trim();
        return text.isEmpty() ? null : text;
    }

    public String required(String field, String label, int maxLength) {
        String text = text(field);
        if (text == null) {
            refuse(field, "Veuillez renseigner " + label + ".");
        } else if (text.length() > maxLength) {
            refuse(field, "Trop long : " + maxLength + " caractères au plus.");
        }
        return text;
    }

    public String optional(String field, int maxLength) {
        String text = text(field);
        if (text != null && text.length() > maxLength) {
            refuse(field, "Trop long : " + maxLength + " caractères au plus.");
        }
        return text;
    }

    public boolean flag(String field) {
        Object value = values.get(field);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    public LocalDate date(String field, String label) {
        Object value = values.get(field);
        if (value instanceof java.util.Date date) {
            // a Date-typed value (the engine's REST API): its day in Paris, whatever the server's own zone
            return date.toInstant().atZone(PARIS).toLocalDate();
        }
        String text = required(field, label, 30);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            refuse(field, "Date invalide pour " + label + " (attendu : AAAA-MM-JJ).");
            return null;
        }
    }

    /** New session dates (D2, C2, X1). */
    public record NewDates(LocalDate start, LocalDate end) {
    }

    /**
     * The new dates of a postponement or a reschedule ({@code newStartDate}, {@code newEndDate}): both required,
     * the start after today, the end not before the start. Refusals are collected like any other.
     */
    public NewDates newDates(LocalDate today) {
        LocalDate start = date("newStartDate", "la nouvelle date de début");
        LocalDate end = date("newEndDate", "la nouvelle date de fin");
        if (start != null && !start.isAfter(today)) {
            error("newStartDate", "La nouvelle date de début doit être dans le futur.");
        }
        if (start != null && end != null && end.isBefore(start)) {
            error("newEndDate", "La date de fin doit suivre la date de début.");
        }
        Plausibility.sessionDate(start, today, "La nouvelle date de début").ifPresent(m -> error("newStartDate", m));
        Plausibility.sessionDate(end, today, "La nouvelle date de fin").ifPresent(m -> error("newEndDate", m));
        return new NewDates(start, end);
    }

    /** A positive amount in euros with at most 2 decimals, typed as "1 250,50" or "1250.50". */
    public BigDecimal amount(String field, String label) {
        String text = required(field, label, 20);
        if (text == null) {
            return null;
        }
        String normalised = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
        if (!AMOUNT.matcher(normalised).matches()) {
            refuse(field, "Montant invalide pour " + label + " : un nombre positif, 2 décimales au plus (ex. 1250,50).");
            return null;
        }
        BigDecimal amount = new BigDecimal(normalised.replace(',', '.'));
        if (amount.signum() <= 0) {
            refuse(field, "Le montant doit être supérieur à zéro.");
            return null;
        }
        return amount.setScale(2);
    }

    public <E extends Enum<E>> E choice(String field, Class<E> type, String label) {
        String text = required(field, label, 40);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            refuse(field, "Valeur inconnue pour " + label + ".");
            return null;
        }
    }

    public void error(String field, String message) {
        refuse(field, message);
    }

    /** Records a refusal of {@code field}; a refused character stays the reason given, being the first thing to fix. */
    private void refuse(String field, String message) {
        if (!TextRules.MESSAGE.equals(errors.get(field))) {
            errors.put(field, message);
        }
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** Throws every collected refusal at once. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
