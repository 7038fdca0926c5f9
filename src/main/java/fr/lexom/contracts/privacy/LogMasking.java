package fr.lexom.contracts.privacy;

import java.util.regex.Pattern;

/** Logs never print an e-mail address in clear (G1): "jean.dupont@example.org" becomes "j***@example.org". */
public final class LogMasking {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    private LogMasking() {
    }

    public static String mask(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }
}
