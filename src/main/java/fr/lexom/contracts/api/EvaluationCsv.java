package fr.lexom.contracts.api;

import fr.lexom.contracts.participant.EvaluationRecords.AnswerLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evaluation answers as CSV for French Excel (E1, issue 23, item 4): UTF-8 with a byte order mark, {@code ;}
 * between fields, CRLF between lines (RFC 4180), one line per answer under a header of stable snake_case names. A text
 * is quoted when it holds a {@code ;}, a quote or a line break (its quotes doubled), and a text that a spreadsheet
 * would run as a formula (starting with {@code = + - @}, a tab or a carriage return) is written after a {@code '}.
 */
final class EvaluationCsv {

    static final String HEADER = String.join(";", "contract_number", "training_code", "session", "starts_on", "ends_on",
            "participant", "kind", "answered_at", "content_rating", "trainer_rating", "organisation_rating", "pace_rating",
            "objectives", "applied_rating", "comment", "applied", "changes");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private EvaluationCsv() {
    }

    static byte[] of(List<AnswerLine> answers) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AnswerLine a : answers) {
            csv.append(String.join(";", text(a.contractNumber()), text(a.session().trainingReference()),
                    text(a.session().key()), a.session().startsOn().toString(), a.session().endsOn().toString(),
                    text(a.participant()), a.kind().name(), a.answeredAt().toString(), number(a.contentRating()),
                    number(a.trainerRating()), number(a.organisationRating()), number(a.paceRating()),
                    text(a.objectives().stream().map(o -> o.position() + ":" + o.level()).collect(Collectors.joining("|"))),
                    number(a.appliedRating()), text(a.comment()), text(a.applied()), text(a.changes()))).append("\r\n");
        }
        return withByteOrderMark(csv.toString());
    }

    /** UTF-8 with a byte order mark, so that Excel reads the accents right. */
    static byte[] withByteOrderMark(String csv) {
        byte[] body = csv.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(body, 0, all, BOM.length, body.length);
        return all;
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
