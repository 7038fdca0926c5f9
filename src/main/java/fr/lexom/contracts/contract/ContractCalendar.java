package fr.lexom.contracts.contract;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dates the timers of a contract wait for, from its session dates, its acceptance and the lead times.
 * Calendar days in Europe/Paris; a date already past becomes "now" so that a timer never lies in the past.
 */
public final class ContractCalendar {

    /** W1: 14 days to withdraw, from the signature. */
    public static final int WITHDRAWAL_DAYS = 14;
    /** P2-2025 and O4: one month. */
    public static final int ONE_MONTH = 1;

    private final CalendarProperties properties;
    private final ZoneId zone;

    public ContractCalendar(CalendarProperties properties, ZoneId zone) {
        this.properties = properties;
        this.zone = zone;
    }

    /** Timer dates as process variables, named as the model reads them. */
    public Map<String, Object> timers(LocalDate startsOn, LocalDate endsOn, LocalDate signedOn, ZonedDateTime now) {
        Map<String, Object> dates = new LinkedHashMap<>();
        if (signedOn != null) {
            // W1: the 14 days run from the signature; day 14 included, the period is over at the start of day 15.
            dates.put("withdrawalEndsAt", notBefore(at(signedOn.plusDays(WITHDRAWAL_DAYS + 1), LocalTime.MIDNIGHT), now));
        }
        dates.put("depositDeadline", notBefore(at(startsOn.minusDays(properties.depositDecisionDaysBeforeStart()),
                LocalTime.of(9, 0)), now));
        dates.put("depositReminderInterval", properties.depositReminderInterval().toString());
        // P2-2025: no payment one month before the start: LEXOM may cancel (read only for a client abroad).
        dates.put("prepaymentDeadline", notBefore(at(startsOn.minusMonths(ONE_MONTH), LocalTime.of(9, 0)), now));
        dates.put("convocationAt", notBefore(at(startsOn.minusDays(properties.convocationDaysBeforeStart()),
                LocalTime.of(9, 0)), now));
        dates.put("startsAt", notBefore(at(startsOn, properties.trainingStartsAt()), now));
        dates.put("endsAt", notBefore(at(endsOn, properties.trainingEndsAt()), now));
        // O4: unpaid by the funder one month after the training ends.
        dates.put("funderDeadline", notBefore(at(endsOn.plusMonths(ONE_MONTH).plusDays(1), LocalTime.MIDNIGHT), now));
        dates.put("coldEvaluationAt", notBefore(at(endsOn.plusMonths(properties.coldEvaluationMonths()), LocalTime.of(9, 0)), now));
        return dates;
    }

    private Date at(LocalDate day, LocalTime time) {
        return Date.from(day.atTime(time).atZone(zone).toInstant());
    }

    private static Date notBefore(Date date, ZonedDateTime now) {
        Date current = Date.from(now.toInstant());
        return date.before(current) ? current : date;
    }
}
