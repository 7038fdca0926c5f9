package fr.lexom.contracts.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rulebook "Money": exact decimals, half-up to the cent, gross = net + VAT, exemption gives 0 VAT. */
class AmountsTest {

    @ParameterizedTest(name = "{0} HT at {1} -> VAT {2}, TTC {3}")
    @CsvSource({
            "2400.00, 0.2000, 480.00, 2880.00",
            "1190.00, 0.2000, 238.00, 1428.00",
            "0.05,    0.2000, 0.01,   0.06",   // 0.010 exactly
            "0.03,    0.2000, 0.01,   0.04",   // 0.006 rounds up
            "0.02,    0.2000, 0.00,   0.02",   // 0.004 rounds down
            "1234.57, 0.0550, 67.90,  1302.47", // 67.90135
            "999.99,  0.2000, 200.00, 1199.99"  // 199.998
    })
    void vatIsRoundedHalfUpToTheCentOnTheNetTotal(BigDecimal net, BigDecimal rate, BigDecimal vat, BigDecimal gross) {
        assertThat(Amounts.vat(net, rate, false)).isEqualTo(vat);
        assertThat(Amounts.gross(net, rate, false)).isEqualTo(gross);
        assertThat(Amounts.gross(net, rate, false)).isEqualTo(Amounts.cents(net).add(Amounts.vat(net, rate, false)));
    }

    @Test
    void halfACentIsRoundedUp() {
        // 0.025 is not representable as a double; with decimals it rounds up to 0.03
        assertThat(Amounts.cents(new BigDecimal("0.025"))).isEqualTo(new BigDecimal("0.03"));
        assertThat(Amounts.vat(new BigDecimal("0.125"), new BigDecimal("0.2000"), false)).isEqualTo(new BigDecimal("0.03"));
    }

    @Test
    void exemptTrainingHasNoVat() {
        assertThat(Amounts.vat(new BigDecimal("2400.00"), new BigDecimal("0.2000"), true)).isEqualTo(new BigDecimal("0.00"));
        assertThat(Amounts.gross(new BigDecimal("2400.00"), new BigDecimal("0.2000"), true)).isEqualTo(new BigDecimal("2400.00"));
    }

    @Test
    void depositIsThirtyPercentOfTheGross_D1() {
        assertThat(Amounts.percentOf(new BigDecimal("2880.00"), new BigDecimal("30"))).isEqualTo(new BigDecimal("864.00"));
        assertThat(Amounts.percentOf(new BigDecimal("1428.01"), new BigDecimal("30"))).isEqualTo(new BigDecimal("428.40"));
    }

    @Test
    void percentTypedByStaffBecomesAFraction() {
        assertThat(Amounts.rateFromPercent(new BigDecimal("20"))).isEqualTo(new BigDecimal("0.2000"));
        assertThat(Amounts.rateFromPercent(new BigDecimal("5.5"))).isEqualTo(new BigDecimal("0.0550"));
    }
}
