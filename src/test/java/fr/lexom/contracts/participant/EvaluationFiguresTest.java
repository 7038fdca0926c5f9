package fr.lexom.contracts.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** E1: the managers' means and response rates, exact decimals rounded half up. */
class EvaluationFiguresTest {

    @Test
    void meansAndRatesHaveTwoDecimalsRoundedHalfUp_E1() {
        assertThat(EvaluationFigures.average(List.of(4, 5))).isEqualTo(new BigDecimal("4.50"));
        assertThat(EvaluationFigures.average(List.of(1, 2, 2))).isEqualTo(new BigDecimal("1.67"));
        assertThat(EvaluationFigures.average(List.of(1, 1, 2))).isEqualTo(new BigDecimal("1.33"));
        assertThat(EvaluationFigures.average(List.of(3, 4, 4, 4, 4, 4, 4, 4))).isEqualTo(new BigDecimal("3.88")); // 3.875 up
        assertThat(EvaluationFigures.average(Arrays.asList(5, null))).isEqualTo(new BigDecimal("5.00"));
        assertThat(EvaluationFigures.average(List.of())).isNull();
        assertThat(EvaluationFigures.responseRate(1, 2)).isEqualTo(new BigDecimal("50.00"));
        assertThat(EvaluationFigures.responseRate(2, 3)).isEqualTo(new BigDecimal("66.67"));
        assertThat(EvaluationFigures.responseRate(1, 8)).isEqualTo(new BigDecimal("12.50"));
        assertThat(EvaluationFigures.responseRate(0, 0)).isNull();
    }
}
