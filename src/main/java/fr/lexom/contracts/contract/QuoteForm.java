package fr.lexom.contracts.contract;

import fr.lexom.contracts.security.Plausibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and checks the "Nouveau devis" variables (Q2). Amounts arrive as text, exactly as typed ("1 250,50"
 * or "1250.50"), never through a floating-point number. Every refusal names the field, in French.
 */
public final class QuoteForm {

    static final Pattern AMOUNT = Pattern.compile("^\\d{1,9}([.,]\\d{1,2})?$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final Pattern SIRET = Pattern.compile("^\\d{14}$");
    static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    private final Map<String, Object> values;
    private final FormReader form;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private QuoteForm(Map<String, Object> values) {
        this.values = values;
        this.form = new FormReader(values);
    }

    private String required(String field, String label, int maxLength) {
        return form.required(field, label, maxLength);
    }

    private String optional(String field, int maxLength) {
        return form.optional(field, maxLength);
    }

    private <E extends Enum<E>> E enumValue(String field, Class<E> type, String label) {
        return form.choice(field, type, label);
    }

    private LocalDate date(String field, String label) {
        return form.date(field, label);
    }

    private BigDecimal amount(String field, String label) {
        return form.amount(field, label);
    }

    /** Parses the form; throws {@link InvalidRequestException} listing every wrong field. */
    public static QuoteRequest parse(Map<String, Object> values, LocalDate today) {
        return new QuoteForm(values).read(today);
    }

    private QuoteRequest read(LocalDate today) {
        ClientKind kind = enumValue("clientKind", ClientKind.class, "le type de client");
        String name = required("clientName", "le nom du client", 200);
        String siret = optional("clientSiret", 14);
        if (siret != null) {
            siret = siret.replace(" ", "");
            if (!SIRET.matcher(siret).matches()) {
                errors.put("clientSiret", "Le SIRET doit compter 14 chiffres.");
            }
        }
        String country = optional("clientCountry", 2);
        country = country == null ? "FR" : country.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            errors.put("clientCountry", "Le pays s'écrit en deux lettres (FR, BE, CH...).");
        }
        String email = required("clientEmail", "l'adresse e-mail du client", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.put("clientEmail", "L'adresse e-mail du client n'est pas valide.");
        }
        String address = optional("clientAddress", 200);
        String postalCode = optional("clientPostalCode", 20);
        String city = optional("clientCity", 100);
        String training = required("trainingReference", "la formation", 40);
        String sessionCode = optional("sessionCode", 40);
        LocalDate start = date("startDate", "la date de début");
        LocalDate end = date("endDate", "la date de fin");
        if (start != null && start.isBefore(today)) {
            errors.put("startDate", "La date de début ne peut pas être dans le passé.");
        }
        Plausibility.sessionDate(start, today, "La date de début").ifPresent(m -> errors.put("startDate", m));
        Plausibility.sessionDate(end, today, "La date de fin").ifPresent(m -> errors.put("endDate", m));
        if (start != null && end != null && end.isBefore(start)) {
            errors.put("endDate", "La date de fin doit suivre la date de début.");
        }
        String modality = required("modality", "la modalité (présentiel ou distanciel)", 10);
        if (modality != null && !List.of("ON_SITE", "REMOTE").contains(modality)) {
            errors.put("modality", "La modalité doit être présentiel ou distanciel.");
        }
        String place = optional("place", 300);
        List<QuoteRequest.Participant> participants = participants();
        BigDecimal price = amount("priceNet", "le prix HT");
        boolean exempt = Boolean.TRUE.equals(values.get("vatExempt"));
        BigDecimal vatRate = exempt ? BigDecimal.ZERO : percent("vatRate", "le taux de TVA");
        String funder = optional("funderCode", 40);
        if ("NONE".equals(funder)) {
            funder = null;
        }
        CgvEdition edition = values.get("cgvEdition") == null || "".equals(values.get("cgvEdition"))
                ? CgvEdition.CGV_2025
                : enumValue("cgvEdition", CgvEdition.class, "l'édition des CGV");
        errors.forEach(form::error);
        form.check();
        return new QuoteRequest(kind, name, siret, country, email, address, postalCode, city, training, sessionCode,
                start, end, modality, place, participants, price, vatRate, exempt, funder, edition);
    }

    /** One participant a line: "Prénom Nom" or "Prénom Nom <email>" (Q2: number and names of participants). */
    private List<QuoteRequest.Participant> participants() {
        String text = required("participants", "les participants", 5000);
        List<QuoteRequest.Participant> list = new ArrayList<>();
        if (text == null) {
            return list;
        }
        for (String line : text.split("\\R")) {
            String entry = line.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String email = null;
            int lt = entry.indexOf('<');
            if (lt >= 0 && entry.endsWith(">")) {
                email = entry.substring(lt + 1, entry.length() - 1).trim();
                entry = entry.substring(0, lt).trim();
                if (!EMAIL.matcher(email).matches()) {
                    errors.put("participants", "L'adresse e-mail de « " + entry + " » n'est pas valide.");
                }
            }
            String[] names = entry.split("\\s+", 2);
            if (names.length < 2) {
                errors.put("participants", "Indiquez le prénom et le nom de chaque participant (« " + entry + " »).");
                continue;
            }
            list.add(new QuoteRequest.Participant(names[0], names[1], email));
        }
        if (list.isEmpty() && !errors.containsKey("participants")) {
            errors.put("participants", "Indiquez au moins un participant.");
        }
        if (list.size() > 100) {
            errors.put("participants", "100 participants au plus par devis.");
        }
        return list;
    }

    private BigDecimal percent(String field, String label) {
        String text = required(field, label, 10);
        if (text == null) {
            return null;
        }
        String normalised = text.replace(" ", "").replace("%", "").replace(',', '.');
        try {
            BigDecimal rate = new BigDecimal(normalised);
            if (Plausibility.signed(normalised) || !Plausibility.vatPercent(rate)) { // "-0" reads as 0: refused by its sign
                errors.put(field, "Le taux de TVA est un pourcentage entre 0 et 100 (ex. 20 ou 5,5).");
                return null;
            }
            return rate;
        } catch (NumberFormatException e) {
            errors.put(field, "Le taux de TVA est un pourcentage entre 0 et 100 (ex. 20 ou 5,5).");
            return null;
        }
    }
}
