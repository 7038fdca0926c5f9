package fr.lexom.contracts.delivery;

import fr.lexom.contracts.contract.Participant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** E1: the half-days of a session for each participant, as the checklist of the attendance form. */
public final class AttendanceSheet {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.FRANCE);

    private AttendanceSheet() {
    }

    /** One entry per participant and half-day: value "participantId|2027-02-01|AM", French label. */
    public static List<Map<String, String>> slots(List<Participant> participants, LocalDate start, LocalDate end) {
        List<Map<String, String>> slots = new ArrayList<>();
        for (Participant participant : participants) {
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                for (String half : List.of("AM", "PM")) {
                    slots.add(Map.of("value", participant.id() + "|" + day + "|" + half,
                            "label", participant.fullName() + " - " + DAY.format(day) + (half.equals("AM") ? " matin" : " après-midi")));
                }
            }
        }
        return slots;
    }

    /** A slot value back to its parts; refuses anything that is not one. */
    public static Slot parse(String value) {
        String[] parts = value.split("\\|");
        if (parts.length != 3 || !List.of("AM", "PM").contains(parts[2])) {
            throw new IllegalArgumentException("Not an attendance slot: " + value);
        }
        return new Slot(Long.parseLong(parts[0]), LocalDate.parse(parts[1]), parts[2]);
    }

    public record Slot(long participantId, LocalDate day, String halfDay) {
    }
}
