package fr.lexom.contracts.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What sales enter in the "Nouveau devis" start form (or another system posts): the content of Q2. */
public record QuoteRequest(
        ClientKind clientKind,
        String clientName,
        String clientSiret,
        String clientCountry,
        String clientEmail,
        String clientAddress,
        String clientPostalCode,
        String clientCity,
        String trainingReference,
        String sessionCode,
        LocalDate startDate,
        LocalDate endDate,
        String modality,
        String place,
        List<Participant> participants,
        BigDecimal priceNet,
        BigDecimal vatRatePercent,
        boolean vatExempt,
        String funderCode,
        CgvEdition cgvEdition) {

    public record Participant(String firstName, String lastName, String email) {
    }

    public boolean foreignClient() {
        return clientCountry != null && !"FR".equals(clientCountry);
    }
}
