package fr.lexom.contracts.process;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.stereotype.Component;

/** Turns the rulebook's calendar days into timer instants, in Europe/Paris. */
@Component
public class BusinessCalendar {

    /** Letters and reminders go out at 9:00, Paris time. */
    static final LocalTime OFFICE_OPENS = LocalTime.of(9, 0);

    private final Clock clock;

    public BusinessCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    /** The first instant of the day: a deadline "until day D" ends at the start of D + 1. */
    public Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(clock.getZone()).toInstant());
    }

    /** 9:00 on that day, or now if that is already past (a reminder never lies in the past). */
    public Date morningOf(LocalDate day) {
        Date morning = Date.from(day.atTime(OFFICE_OPENS).atZone(clock.getZone()).toInstant());
        Date now = Date.from(clock.instant());
        return morning.before(now) ? now : morning;
    }
}
