package fr.lexom.contracts.delivery;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The hours a half-day of attendance is worth (E1): half of a day of the catalogue, {@code duration_hours / (2 x
 * duration_days)} to the hundredth (14 h over 2 days: 3.5 h). The certificate's hours attended and the BPF's
 * hours-trainee (issue 24) both count this way, so they always agree.
 */
public final class TrainingHours {

    private TrainingHours() {
    }

    public static BigDecimal perHalfDay(BigDecimal durationHours, BigDecimal durationDays) {
        return durationHours.divide(durationDays.multiply(BigDecimal.valueOf(2)), 2, RoundingMode.HALF_UP);
    }

    /** The hours of {@code halfDays} half-days of attendance. */
    public static BigDecimal of(int halfDays, BigDecimal durationHours, BigDecimal durationDays) {
        return perHalfDay(durationHours, durationDays).multiply(BigDecimal.valueOf(halfDays));
    }
}
