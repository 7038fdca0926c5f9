package fr.lexom.contracts.contract;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lead times the CGV leave to LEXOM ({@code lexom.calendar.*}).
 *
 * @param depositDecisionDaysBeforeStart D2: a still-unpaid deposit goes to a manager this many days before the start
 * @param depositReminderInterval        D2: a courteous reminder this long after the deposit request (and after
 *                                       each partial payment)
 * @param convocationDaysBeforeStart     E1: convocations leave this many days before the start
 * @param coldEvaluationMonths           E1: the cold evaluation, this many months after the end
 * @param trainingStartsAt               E1: the hour the first day starts (attendance opens)
 * @param trainingEndsAt                 E1: the hour the last day ends (hot evaluation)
 */
@ConfigurationProperties("lexom.calendar")
public record CalendarProperties(int depositDecisionDaysBeforeStart, Duration depositReminderInterval, int convocationDaysBeforeStart, int coldEvaluationMonths,
                                 LocalTime trainingStartsAt, LocalTime trainingEndsAt) {
}
