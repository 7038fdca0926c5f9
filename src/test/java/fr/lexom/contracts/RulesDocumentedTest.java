package fr.lexom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule id cited by the models, forms, code, tests and README is defined in docs/rules.md (issue 22): a reader
 * who meets an id in the project finds its rule in the project. No Spring context, no file outside the repository.
 */
class RulesDocumentedTest {

    static final Path RULES = Path.of("docs", "rules.md");
    static final List<Path> CITING = List.of(Path.of("bpmn"), Path.of("forms"), Path.of("src", "main"), Path.of("src", "test"),
            Path.of("README.md"), Path.of("docs"));

    /**
     * A rule id: a rulebook letter and one digit, with an optional edition, written "C1-2025" in prose and
     * "C1_2025" in a test name; not part of a longer word (so neither a law article such as L441-10 nor a unit code
     * such as C62), and not an ISO-8601 repetition such as the retry cycle R5/PT5M.
     */
    static final Pattern RULE_ID =
            Pattern.compile("(?<![A-Za-z0-9])([QSWDPOLCXERMG][0-9])(?:[-_](2025|LEGACY))?(?![A-Za-z0-9])(?!/P)");

    @Test
    void everyRuleIdCitedInTheProjectIsDefinedInDocsRules() throws IOException {
        Set<String> defined = definedIds();
        Map<String, String> missing = new TreeMap<>();
        for (Path root : CITING) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(RULES)).toList()) {
                    String text = textOf(file);
                    if (text == null) {
                        continue; // images, fonts: no rule to cite
                    }
                    String[] lines = text.split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        for (String id : ids(lines[i])) {
                            if (!defined.contains(id)) {
                                missing.putIfAbsent(id, file + ":" + (i + 1));
                            }
                        }
                    }
                }
            }
        }
        assertThat(missing)
                .as("rule ids cited in the project but not defined in a heading of %s (id=first citation): %s", RULES,
                        missing)
                .isEmpty();
    }

    @Test
    void theRulesPageDefinesBothEditionsOfTheRulesThatDiffer() throws IOException {
        assertThat(definedIds()).contains("S1-2025", "S1-LEGACY", "D2-2025", "D2-LEGACY", "C1-2025", "C1-LEGACY",
                "C2-2025", "C2-LEGACY", "X1-2025", "X1-LEGACY");
    }

    @Test
    void theRulesPageLinksNothingOutsideTheRepository() throws IOException {
        assertThat(Files.readString(RULES)).doesNotContain("../shared", "](../");
        assertThat(Files.readString(Path.of("README.md"))).doesNotContain("../shared");
    }

    /** The ids named on the heading lines of docs/rules.md: a mention in prose elsewhere on the page defines nothing. */
    static Set<String> definedIds() throws IOException {
        return Files.readAllLines(RULES).stream()
                .filter(line -> line.startsWith("#"))
                .flatMap(line -> ids(line).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> ids(String line) {
        Matcher m = RULE_ID.matcher(line);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2));
        }
        return found;
    }

    /** The file as UTF-8 text, or null when it is not text (a PNG, a font). */
    static String textOf(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
