package fr.lexom.contracts.participant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Objects;

/** The managers' figures of the evaluations (E1), exact: decimals with two places, rounded half up, never doubles. */
public final class EvaluationFigures {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private EvaluationFigures() {
    }

    /** The mean of the ratings given (nulls are questions not asked), to two decimals; null without any. */
    public static BigDecimal average(Collection<Integer> ratings) {
        long count = ratings.stream().filter(Objects::nonNull).count();
        if (count == 0) {
            return null;
        }
        long sum = ratings.stream().filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** {@code answered} out of {@code invited}, in percent to two decimals (1 of 3: 33.33); null when none invited. */
    public static BigDecimal responseRate(long answered, long invited) {
        if (invited == 0) {
            return null;
        }
        return BigDecimal.valueOf(answered).multiply(HUNDRED).divide(BigDecimal.valueOf(invited), 2, RoundingMode.HALF_UP);
    }
}
