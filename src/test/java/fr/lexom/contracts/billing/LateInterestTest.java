package fr.lexom.contracts.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.lexom.contracts.contract.ClientKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** L1 and L2 against figures computed by hand. */
class LateInterestTest {

    static final List<InterestRate> RATES = List.of(
            rate(InterestRate.ECB, "2025-06-11", "0.0215"),
            rate(InterestRate.ECB, "2026-06-11", "0.0190"),  // a (fictional) cut in June 2026
            rate(InterestRate.LEGAL, "2026-01-01", "0.0262"),
            rate(InterestRate.LEGAL, "2026-07-01", "0.0400"),
            rate(InterestRate.ECB, "2027-01-01", "0.0000"),
            rate(InterestRate.LEGAL, "2027-01-01", "0.0400"));

    final LateInterest interest = new LateInterest(RATES);

    @Test
    void thirtyDaysLateInOneHalfYear_L1() {
        // H1 2026: max(2.15 + 10, 3 x 2.62 = 7.86) = 12.15 %; 1 200.00 x 0.1215 x 30 / 365 = 11.9835... -> 11.98
        assertThat(interest.rateOfHalfYear(LocalDate.of(2026, 1, 1))).isEqualByComparingTo("0.1215");
        assertThat(interest.amount(new BigDecimal("1200.00"), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30)))
                .isEqualTo(new BigDecimal("11.98"));
    }

    @Test
    void theEcbRateOfAHalfYearIsTheOneInForceOnItsFirstDay_L1() {
        // the June 2026 cut counts from H2 only: H2 2026 = max(1.90 + 10, 3 x 4.00 = 12.00) = 12.00 %
        assertThat(interest.rateOfHalfYear(LocalDate.of(2026, 7, 1))).isEqualByComparingTo("0.1200");
    }

    @Test
    void lateAcrossTwoHalfYearsUsesEachRate_L1() {
        // 15 days (16-30 June) at 12.15 % + 20 days (1-20 July) at 12.00 % on 1 000.00:
        // 1000 x (0.1215 x 15 + 0.12 x 20) / 365 = 4222.5 / 365 = 11.5684... -> 11.57
        List<LateInterest.Period> periods = interest.periods(LocalDate.of(2026, 6, 15), LocalDate.of(2026, 7, 20));
        assertThat(periods).extracting(LateInterest.Period::days).containsExactly(15L, 20L);
        assertThat(interest.amount(new BigDecimal("1000.00"), LocalDate.of(2026, 6, 15), LocalDate.of(2026, 7, 20)))
                .isEqualTo(new BigDecimal("11.57"));
    }

    @Test
    void aLeapYearCountsTheTwentyNinthOfFebruaryAndStillDividesBy365_L1() {
        List<InterestRate> rates = List.of(rate(InterestRate.ECB, "2027-12-01", "0.0215"), rate(InterestRate.LEGAL, "2028-01-01", "0.0262"));
        // 21 Feb - 1 Mar 2028 = 10 days; 3 650.00 x 0.1215 x 10 / 365 = 12.15
        assertThat(new LateInterest(rates).amount(new BigDecimal("3650.00"), LocalDate.of(2028, 2, 20), LocalDate.of(2028, 3, 1)))
                .isEqualTo(new BigDecimal("12.15"));
    }

    @Test
    void neverBelowThreeTimesTheLegalRate_L1() {
        // H1 2027: ECB 0 % + 10 = 10 % < 3 x 4 % = 12 %
        assertThat(interest.rateOfHalfYear(LocalDate.of(2027, 1, 1))).isEqualByComparingTo("0.1200");
    }

    @Test
    void nothingIsDueOnTheDueDateItself_L1() {
        assertThat(interest.amount(new BigDecimal("1000.00"), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 31)))
                .isEqualTo(new BigDecimal("0.00"));
        assertThat(interest.amount(new BigDecimal("1000.00"), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1)))
                .isEqualTo(new BigDecimal("0.33")); // 1000 x 0.1215 / 365 = 0.3328...
    }

    @Test
    void aHalfYearWithoutPublishedRateIsAnErrorNotAGuess_L1() {
        assertThatThrownBy(() -> new LateInterest(List.of(rate(InterestRate.ECB, "2025-06-11", "0.0215")))
                .rateOfHalfYear(LocalDate.of(2026, 1, 1))).hasMessageContaining("legal interest rate");
    }

    @Test
    void fortyEurosPerLateInvoiceForLegalPersonsOnly_L2() {
        LocalDate due = LocalDate.of(2026, 3, 31);
        assertThat(RecoveryIndemnity.due(ClientKind.LEGAL_ENTITY, due, due.plusDays(1))).isEqualTo(new BigDecimal("40.00"));
        assertThat(RecoveryIndemnity.due(ClientKind.PUBLIC_BODY, due, due.plusDays(1))).isEqualTo(new BigDecimal("40.00"));
        assertThat(RecoveryIndemnity.due(ClientKind.INDIVIDUAL, due, due.plusDays(30))).isEqualTo(new BigDecimal("0.00"));
        assertThat(RecoveryIndemnity.due(ClientKind.LEGAL_ENTITY, due, due)).isEqualTo(new BigDecimal("0.00"));
    }

    static InterestRate rate(String kind, String from, String value) {
        return new InterestRate(kind, LocalDate.parse(from), new BigDecimal(value));
    }
}
