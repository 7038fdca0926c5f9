package fr.lexom.contracts.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** "Nouveau devis" form variables as Tasklist submits them; tests change what their case needs. */
public final class QuoteForms {

    private QuoteForms() {
    }

    private static final AtomicLong CLIENTS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** A client of its own for each quote: tests must not see each other's unpaid invoices (L3). */
    public static Map<String, Object> company(LocalDate start) {
        long n = CLIENTS.incrementAndGet();
        Map<String, Object> form = new HashMap<>();
        form.put("clientKind", "LEGAL_ENTITY");
        form.put("clientName", "Transports Vivarais SAS");
        form.put("clientSiret", "%014d".formatted(41_234_000_000_000L + n % 1_000_000_000L));
        form.put("clientCountry", "FR");
        form.put("clientEmail", "compta-" + n + "@transports-vivarais.example");
        form.put("clientAddress", "12 avenue de la Gare");
        form.put("clientPostalCode", "07200");
        form.put("clientCity", "Aubenas");
        form.put("trainingReference", "RCL-APPL-03");
        form.put("startDate", start.toString());
        form.put("endDate", start.plusDays(1).toString());
        form.put("modality", "ON_SITE");
        form.put("place", "LEXOM Aubenas");
        form.put("participants", "Anne Dupont <anne.dupont@example.org>\nLuc Martin");
        form.put("priceNet", "2 400,00");
        form.put("vatRate", "20");
        form.put("vatExempt", false);
        form.put("funderCode", "NONE");
        form.put("cgvEdition", "CGV_2025");
        return form;
    }

    public static Map<String, Object> individual(LocalDate start) {
        Map<String, Object> form = company(start);
        form.put("clientKind", "INDIVIDUAL");
        form.put("clientName", "Julie Moreau");
        form.remove("clientSiret");
        form.put("clientEmail", "julie.moreau." + CLIENTS.incrementAndGet() + "@example.org");
        form.put("participants", "Julie Moreau <julie.moreau@example.org>");
        form.put("priceNet", "1 190,00");
        return form;
    }
}
