package fr.lexom.contracts.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What letters, tasks and the API need to know of a contract. */
public record ContractSummary(
        long id,
        String number,
        CgvEdition cgvEdition,
        ContractStage stage,
        ClientKind clientKind,
        String clientName,
        String clientEmail,
        String clientCountry,
        String trainingReference,
        String trainingTitle,
        String modality,
        String place,
        LocalDate startsOn,
        LocalDate endsOn,
        BigDecimal priceNet,
        BigDecimal vatRate,
        boolean vatExempt,
        BigDecimal vatAmount,
        BigDecimal priceGross,
        String funderCode,
        String funderName,
        LocalDate quoteIssuedOn,
        LocalDate quoteValidUntil,
        LocalDate acceptedOn,
        int participantCount) {

    public boolean foreignClient() {
        return !"FR".equals(clientCountry);
    }

    public boolean funded() {
        return funderCode != null;
    }
}
