package fr.lexom.contracts.delivery;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The training hours and signing windows of attendance (E1, issue 23; {@code lexom.attendance.*}). The day's first and
 * last hours are {@code lexom.calendar.training-starts-at} and {@code training-ends-at}; these settings split it in two
 * half-days and say how long each can be signed.
 *
 * @param morningEndsAt         the morning half-day ends (12:30)
 * @param afternoonStartsAt     the afternoon half-day starts (13:30)
 * @param signingOpensBefore    a participant may sign this long before the half-day starts (arriving early)
 * @param signingClosesAfter    ... and until this long after it ends (0 by default: a late signature is refused)
 * @param countersignGrace      the trainer may countersign until this long after the half-day ends; the attendance
 *                              task opens once the last half-day's countersignature window is over
 */
@ConfigurationProperties("lexom.attendance")
public record AttendanceProperties(LocalTime morningEndsAt, LocalTime afternoonStartsAt, Duration signingOpensBefore,
                                   Duration signingClosesAfter, Duration countersignGrace) {

    /** The countersignature's grace as letters print it: « 2 h », « 1 h 30 », « 45 min ». */
    public String countersignGraceText() {
        long hours = countersignGrace.toHours();
        int minutes = countersignGrace.toMinutesPart();
        return hours == 0 ? minutes + " min" : minutes == 0 ? hours + " h" : hours + " h " + String.format("%02d", minutes);
    }
}
