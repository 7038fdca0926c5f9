package fr.lexom.contracts.delivery;

import fr.lexom.contracts.contract.CalendarProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The half-days of a training and when each can be signed (E1, issue 23), in Paris time: the morning from the day's
 * first hour to {@code morning-ends-at}, the afternoon from {@code afternoon-starts-at} to the day's last hour. A
 * participant signs a half-day from a little before it starts until it ends; the trainer countersigns it from its start
 * until a grace after its end. Every calendar day from the first to the last is a training day, as on the attendance
 * task's checklist.
 */
@Component
public class HalfDays {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.FRANCE);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH'h'mm", Locale.FRANCE);

    private final CalendarProperties calendar;
    private final AttendanceProperties attendance;

    public HalfDays(CalendarProperties calendar, AttendanceProperties attendance) {
        if (!calendar.trainingStartsAt().isBefore(attendance.morningEndsAt())
                || attendance.morningEndsAt().isAfter(attendance.afternoonStartsAt())
                || !attendance.afternoonStartsAt().isBefore(calendar.trainingEndsAt())) {
            throw new IllegalStateException("lexom.calendar.training-starts-at < lexom.attendance.morning-ends-at <= "
                    + "afternoon-starts-at < lexom.calendar.training-ends-at is required");
        }
        this.calendar = calendar;
        this.attendance = attendance;
    }

    /** One half-day of a training: its day, AM or PM, and its hours. */
    public record HalfDay(LocalDate day, String half, LocalTime startsAt, LocalTime endsAt) {

        public Instant start() {
            return day.atTime(startsAt).atZone(PARIS).toInstant();
        }

        public Instant end() {
            return day.atTime(endsAt).atZone(PARIS).toInstant();
        }

        public boolean morning() {
            return "AM".equals(half);
        }

        /** « mercredi 3 février, matin (09h00 - 12h30) ». */
        public String label() {
            return DAY.format(day) + ", " + (morning() ? "matin" : "après-midi") + " (" + HOUR.format(startsAt) + " - "
                    + HOUR.format(endsAt) + ")";
        }

        /** « 09h00 - 12h30 ». */
        public String hours() {
            return HOUR.format(startsAt) + " - " + HOUR.format(endsAt);
        }
    }

    /** Every half-day from {@code first} to {@code last}, in order. */
    public List<HalfDay> between(LocalDate first, LocalDate last) {
        List<HalfDay> halves = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            halves.add(of(day, "AM"));
            halves.add(of(day, "PM"));
        }
        return halves;
    }

    /** The half-day {@code half} ("AM" or "PM") of {@code day}. */
    public HalfDay of(LocalDate day, String half) {
        return switch (half) {
            case "AM" -> new HalfDay(day, half, calendar.trainingStartsAt(), attendance.morningEndsAt());
            case "PM" -> new HalfDay(day, half, attendance.afternoonStartsAt(), calendar.trainingEndsAt());
            default -> throw new IllegalArgumentException("Not a half-day: " + half);
        };
    }

    /** Whether a participant may sign {@code halfDay} at {@code now}: from a little before its start to its end. */
    public boolean participantMaySign(HalfDay halfDay, Instant now) {
        return !now.isBefore(halfDay.start().minus(attendance.signingOpensBefore()))
                && !now.isAfter(halfDay.end().plus(attendance.signingClosesAfter()));
    }

    /** Whether the trainer may countersign {@code halfDay} at {@code now}: from its start to its end and the grace. */
    public boolean trainerMayCountersign(HalfDay halfDay, Instant now) {
        return !now.isBefore(halfDay.start()) && !now.isAfter(halfDay.end().plus(attendance.countersignGrace()));
    }

    /** The half-days of the training the trainer can countersign at {@code now} (at most two: the grace overlaps). */
    public List<HalfDay> countersignableByTrainer(LocalDate first, LocalDate last, Instant now) {
        return between(first, last).stream().filter(h -> trainerMayCountersign(h, now)).toList();
    }

    /** When the last half-day can no longer be countersigned: the attendance of record is entered after it. */
    public Instant signingClosesAt(LocalDate last) {
        return of(last, "PM").end().plus(attendance.countersignGrace());
    }

    /** When the last half-day starts: the hot evaluation opens then, in the room. */
    public Instant lastHalfDayStarts(LocalDate last) {
        return of(last, "PM").start();
    }
}
