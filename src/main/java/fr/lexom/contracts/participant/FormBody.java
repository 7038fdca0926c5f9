package fr.lexom.contracts.participant;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An {@code application/x-www-form-urlencoded} body read strictly (issue 20's text rules on the participants' pages):
 * bytes that are not UTF-8 (an unpaired surrogate encoded as {@code %ED%A0%80}, a stray {@code %FF}) mark their field
 * as refused, where the servlet container would silently drop the parameter or turn it into U+FFFD. The first value
 * of a repeated field counts.
 */
record FormBody(Map<String, String> values, Set<String> malformed) {

    static FormBody parse(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> malformed = new LinkedHashSet<>();
        String text = new String(body, StandardCharsets.ISO_8859_1); // percent-encoded: ASCII, one char per byte
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = lenient(bytes(eq < 0 ? pair : pair.substring(0, eq)));
            byte[] raw = bytes(eq < 0 ? "" : pair.substring(eq + 1));
            if (values.containsKey(name)) {
                continue;
            }
            try {
                values.put(name, strict(raw));
            } catch (CharacterCodingException notUtf8) {
                values.put(name, lenient(raw));
                malformed.add(name);
            }
        }
        return new FormBody(values, malformed);
    }

    String get(String name) {
        return values.get(name);
    }

    /** The bytes a percent-encoded part stands for ({@code +} a space); a broken escape is kept as typed. */
    private static byte[] bytes(String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < part.length() && hex(part.charAt(i + 1)) >= 0 && hex(part.charAt(i + 2)) >= 0) {
                out.write(hex(part.charAt(i + 1)) * 16 + hex(part.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String strict(byte[] raw) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
        return chars.toString();
    }

    private static String lenient(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
