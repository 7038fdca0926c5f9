package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A dated rate of the interest_rate table (L1): in force from {@code validFrom} until the next one. */
public record InterestRate(String kind, LocalDate validFrom, BigDecimal rate) {

    public static final String ECB = "ECB_MAIN_REFINANCING";
    public static final String LEGAL = "LEGAL_PROFESSIONAL";
}
