package fr.lexom.contracts.notification;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** French formats for letters: "1 250,50 €", "4 janvier 2027", "20 %", "3,5" (hours). Exposed to templates as {@code fmt}. */
public final class LetterFormat {

    private static final Locale FRENCH = Locale.FRANCE;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", FRENCH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", FRENCH);

    public String euros(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(FRENCH);
        symbols.setGroupingSeparator('\u202f');
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        return format.format(amount) + "\u00a0€";
    }

    /** "1er février 2027", "23 décembre 2026". */
    public String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        String formatted = DATE.format(date);
        return date.getDayOfMonth() == 1 ? "1er" + formatted.substring(1) : formatted;
    }

    /** A moment in Paris time, to the minute: "02/12/2026 à 22h48". */
    public String moment(java.time.OffsetDateTime at) {
        if (at == null) {
            return "";
        }
        return MOMENT.format(at.atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")));
    }

    /** Hours to the hundredth, without trailing zeros: "1 234,5", "3,5", "0". */
    public String hours(BigDecimal hours) {
        if (hours == null) {
            return "";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(FRENCH);
        symbols.setGroupingSeparator('\u202f');
        return new DecimalFormat("#,##0.##", symbols).format(hours);
    }

    public String percent(BigDecimal fraction) {
        if (fraction == null) {
            return "";
        }
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString().replace('.', ',') + "\u00a0%";
    }
}
