package fr.lexom.contracts.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Writes LEXOM's letters from the templates in {@code letters/} (French, in the style taught by RCL-APPL-03:
 * personal, explicit, positive). A template's first line is "Objet : ..." and becomes the subject.
 */
@Service
public class Letters {

    private static final String SUBJECT_PREFIX = "Objet :";

    private final fr.lexom.contracts.notification.TemplateEngines.Templates engine;
    private final LetterFormat format = new LetterFormat();
    private final CompanyProperties company;

    public Letters(CompanyProperties company) {
        this.company = company;
        engine = TemplateEngines.classpath("letters/", ".txt", TemplateMode.TEXT);
    }

    /** Renders the letter into an outbox mail with the given key and recipients. */
    public OutboxMail write(String letter, String dedupKey, String contractNumber, List<String> recipients,
                            Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("fmt", format);
        variables.put("company", company);
        String rendered = engine.process(letter, new Context(java.util.Locale.FRANCE, variables)).strip();
        int newline = rendered.indexOf('\n');
        String firstLine = newline < 0 ? rendered : rendered.substring(0, newline);
        if (!firstLine.startsWith(SUBJECT_PREFIX)) {
            throw new IllegalStateException("Letter template " + letter + " must start with '" + SUBJECT_PREFIX + "'");
        }
        String subject = firstLine.substring(SUBJECT_PREFIX.length()).strip();
        String body = newline < 0 ? "" : unwrap(rendered.substring(newline + 1).strip()) + "\n";
        return new OutboxMail(dedupKey, contractNumber, letter, recipients, subject, body, null);
    }

    /** Templates wrap their lines for the reader of the code; a mail reader gets one line per paragraph. */
    static String unwrap(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            out.append(line);
            boolean signature = line.endsWith(",") && i + 1 == lines.length - 1; // "Bien cordialement," / the signature
            boolean nextContinues = i + 1 < lines.length && !lines[i + 1].isBlank() && !line.isBlank() && !signature
                    && !lines[i + 1].startsWith("- ") && !line.endsWith(":") && !lines[i + 1].startsWith(" ");
            if (i + 1 < lines.length) {
                out.append(nextContinues ? " " : "\n");
            }
        }
        return out.toString();
    }
}
