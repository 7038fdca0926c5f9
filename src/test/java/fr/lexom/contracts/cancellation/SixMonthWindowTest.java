package fr.lexom.contracts.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** C2-LEGACY: rescheduled within six months of the order, to the day. */
class SixMonthWindowTest {

    @ParameterizedTest(name = "ordered {0}, new start {1}: within = {2}")
    @CsvSource({
            "2026-01-15, 2026-07-15, true",   // six months to the day
            "2026-01-15, 2026-07-16, false",  // one day over
            "2026-08-31, 2027-02-28, true",   // end of month: 31 Aug + 6 months = 28 Feb
            "2026-08-31, 2027-03-01, false",
            "2027-08-31, 2028-02-29, true",   // leap year
            "2026-01-15, 2026-01-20, true"})
    void sixMonthsOfTheOrderToTheDay_C2_LEGACY(LocalDate ordered, LocalDate newStart, boolean within) {
        assertThat(CancellationService.withinSixMonths(ordered, newStart)).isEqualTo(within);
    }
}
