package fr.lexom.contracts.security;

import java.util.Set;

/**
 * What text the app accepts and what text it prints (issue 20, attack 5). Shared by the REST API (every String of a
 * request body, path or query) and the Camunda forms (every value submitted through the engine), so no field is
 * forgotten.
 *
 * <p>Refused in input: C0 control characters (U+0000..U+001F) except TAB, LF and CR in a multi-line field, DEL
 * (U+007F), C1 control characters (U+0080..U+009F), unpaired surrogates, and U+FFFE / U+FFFF (not characters).
 * Everything refused is also something XML 1.0 cannot carry (or an invisible control), and openhtmltopdf reads
 * documents as XML: a quote with such a character could never be printed nor sent.
 *
 * <p>On output, {@link #printable(String)} replaces what XML 1.0 cannot carry by U+FFFD, for text stored before these
 * rules existed.
 */
public final class TextRules {

    /** The French message of a refusal, for every field (API and forms). */
    public static final String MESSAGE = "Caractère non autorisé (caractère de contrôle ou invalide).";

    /**
     * The fields where a line break (and a tab) makes sense: the form fields shown as a text area. Checked against
     * {@code forms/*.form} by TextRulesTest.
     */
    public static final Set<String> MULTI_LINE_FIELDS = Set.of("participants", "noticeComment", "clientAnswer", "decisionComment");

    /** What replaces an unprintable character in a document or a mail. */
    public static final char REPLACEMENT = '\uFFFD';

    private TextRules() {
    }

    /** Whether {@code field} is a multi-line field, where TAB, LF and CR are allowed. */
    public static boolean multiLine(String field) {
        return field != null && MULTI_LINE_FIELDS.contains(field);
    }

    /** Whether the text of {@code field} is acceptable input (null is: absence is someone else's rule). */
    public static boolean acceptable(String field, CharSequence text) {
        return firstRefused(text, multiLine(field)) < 0;
    }

    /** Whether {@code text} is acceptable input for a single-line ({@code multiLine} false) or a multi-line field. */
    public static boolean acceptable(CharSequence text, boolean multiLine) {
        return firstRefused(text, multiLine) < 0;
    }

    /** The index of the first refused character of {@code text}, or -1 when there is none (or no text). */
    public static int firstRefused(CharSequence text, boolean multiLine) {
        if (text == null) {
            return -1;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a pair: a character outside the BMP (an emoji), fine
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || refusedChar(c, multiLine)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean refusedChar(char c, boolean multiLine) {
        if (c < 0x20) {
            return !(multiLine && (c == '\t' || c == '\n' || c == '\r'));
        }
        return c >= 0x7F && c <= 0x9F || c == '\uFFFE' || c == '\uFFFF';
    }

    /**
     * {@code text} with every character XML 1.0 cannot carry (C0 controls other than TAB, LF, CR; unpaired surrogates;
     * U+FFFE, U+FFFF) replaced by U+FFFD; the same instance when there is none. What every document and mail is made
     * of goes through this before it reaches openhtmltopdf, Mustang or the outbox.
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean keep;
            int width = 1;
            if (Character.isHighSurrogate(c)) {
                keep = i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
                width = keep ? 2 : 1;
            } else if (Character.isLowSurrogate(c)) {
                keep = false;
            } else {
                keep = c >= 0x20 && c != '\uFFFE' && c != '\uFFFF' || c == '\t' || c == '\n' || c == '\r';
            }
            if (!keep && out == null) {
                out = new StringBuilder(length).append(text, 0, i);
            }
            if (out != null) {
                if (keep) {
                    out.append(text, i, i + width);
                } else {
                    out.append(REPLACEMENT);
                }
            }
            i += width - 1;
        }
        return out == null ? text : out.toString();
    }
}
