package fr.lexom.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.lexom.contracts.contract.FormReader;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.contract.QuoteForm;
import java.io.File;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text and date rules of issue 20 (attacks 5 and 6), at every boundary, and the forms that use them. */
class TextRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xFFFE, 0xFFFF})
    void controlCharactersAreRefusedEverywhere(int c) {
        String text = "Imprimerie" + (char) c + "du Vivarais";
        assertThat(TextRules.acceptable(text, false)).isFalse();
        assertThat(TextRules.acceptable(text, true)).isFalse();
        assertThat(TextRules.firstRefused(text, false)).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x09, 0x0A, 0x0D})
    void tabAndLineBreaksOnlyInAMultiLineField(int c) {
        String text = "Anne Dupont" + (char) c + "Luc Martin";
        assertThat(TextRules.acceptable(text, false)).isFalse();
        assertThat(TextRules.acceptable(text, true)).isTrue();
        assertThat(TextRules.acceptable("participants", text)).isTrue();
        assertThat(TextRules.acceptable("clientName", text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x20, 0x7E, 0xA0, 0xE9, 0x2019, 0x20AC, 0xD7FF, 0xE000, 0xFFFD})
    void printableCharactersAreAccepted(int c) {
        assertThat(TextRules.acceptable("Léa" + (char) c + "Roux", false)).isTrue();
    }

    @Test
    void surrogatesOnlyInPairs() {
        assertThat(TextRules.acceptable("Café \uD83D\uDE00", false)).isTrue(); // an emoji: a pair
        assertThat(TextRules.acceptable("x\uD800", false)).isFalse(); // high, at the end
        assertThat(TextRules.acceptable("x\uD800y", false)).isFalse(); // high, then not low
        assertThat(TextRules.acceptable("x\uDC00y", false)).isFalse(); // low alone
        assertThat(TextRules.acceptable("x\uDE00\uD83Dy", false)).isFalse(); // the pair reversed
        assertThat(TextRules.firstRefused("ab\uDBFF", false)).isEqualTo(2);
        assertThat(TextRules.acceptable((String) null, false)).isTrue();
        assertThat(TextRules.acceptable("", false)).isTrue();
    }

    @Test
    void printableReplacesWhatXmlCannotCarry() {
        assertThat(TextRules.printable("a\u0000b\u0001c\u001Fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
        assertThat(TextRules.printable("x\uD800y\uDC00z")).isEqualTo("x\uFFFDy\uFFFDz");
        assertThat(TextRules.printable("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
        assertThat(TextRules.printable("x\uD800")).isEqualTo("x\uFFFD");
        String fine = "Léa\tRoux\r\nCafé \uD83D\uDE00 \u007F\u0085 €";
        assertThat(TextRules.printable(fine)).isSameAs(fine);
        assertThat(TextRules.printable(null)).isNull();
    }

    /** The multi-line fields are the forms' text areas: a new text area must be named in TextRules. */
    @Test
    void theMultiLineFieldsAreTheTextAreasOfTheForms() throws Exception {
        Set<String> textAreas = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (File form : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
            collectTextAreas(json.readTree(form), textAreas);
        }
        assertThat(textAreas).isNotEmpty();
        assertThat(TextRules.MULTI_LINE_FIELDS).isEqualTo(textAreas);
    }

    private static void collectTextAreas(JsonNode node, Set<String> keys) {
        if ("textarea".equals(node.path("type").asText())) {
            keys.add(node.path("key").asText());
        }
        node.path("components").forEach(child -> collectTextAreas(child, keys));
    }

    @Test
    void sessionDatesAtMostFiveYearsAhead() {
        assertThat(Plausibility.sessionDate(TODAY.plusYears(5), TODAY, "La date de début")).isEmpty();
        assertThat(Plausibility.sessionDate(TODAY.plusYears(5).plusDays(1), TODAY, "La date de début"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("La date de début ne peut pas dépasser le 2031-03-02"));
        assertThat(Plausibility.sessionDate(LocalDate.of(9999, 12, 31), TODAY, "La date de fin")).isPresent();
        assertThat(Plausibility.sessionDate(null, TODAY, "La date de fin")).isEmpty();
    }

    @Test
    void eventsFromTheQuotesIssueToToday() {
        LocalDate quote = TODAY.minusDays(10);
        assertThat(Plausibility.sinceQuote(quote, quote, TODAY, "La date")).isEmpty();
        assertThat(Plausibility.sinceQuote(TODAY, quote, TODAY, "La date")).isEmpty();
        assertThat(Plausibility.sinceQuote(quote.minusDays(1), quote, TODAY, "La date"))
                .contains("La date ne peut pas précéder l'émission du devis (" + quote + ").");
        assertThat(Plausibility.sinceQuote(LocalDate.of(1, 1, 1), quote, TODAY, "La date")).isPresent();
        assertThat(Plausibility.sinceQuote(TODAY.plusDays(1), quote, TODAY, "La date")).contains("La date ne peut pas être dans le futur.");
    }

    @Test
    void ratesValidFrom2000ToFiveYearsAhead() {
        assertThat(Plausibility.rateValidFrom(LocalDate.of(2000, 1, 1), TODAY)).isEmpty();
        assertThat(Plausibility.rateValidFrom(LocalDate.of(1999, 12, 31), TODAY)).isPresent();
        assertThat(Plausibility.rateValidFrom(TODAY.plusYears(5), TODAY)).isEmpty();
        assertThat(Plausibility.rateValidFrom(TODAY.plusYears(5).plusDays(1), TODAY)).isPresent();
        assertThat(Plausibility.rateValidFrom(LocalDate.parse("+10000-01-01"), TODAY))
                .contains("La date d'effet doit être comprise entre le 2000-01-01 et le 2031-03-02.");
    }

    @Test
    void vatRatesFromZeroTo9999WithoutASign() {
        assertThat(Plausibility.vatPercent(new BigDecimal("0"))).isTrue();
        assertThat(Plausibility.vatPercent(new BigDecimal("99.99"))).isTrue();
        assertThat(Plausibility.vatPercent(new BigDecimal("100"))).isFalse();
        assertThat(Plausibility.vatPercent(new BigDecimal("-0.01"))).isFalse();
        assertThat(Plausibility.vatPercent(new BigDecimal("5.555"))).isFalse();
        assertThat(new BigDecimal("-0.0").signum()).isZero(); // why the sign is read from the text
        assertThat(Plausibility.signed("-0.0")).isTrue();
        assertThat(Plausibility.signed(" -0")).isTrue();
        assertThat(Plausibility.signed("0.0")).isFalse();
        assertThat(Plausibility.signed(null)).isFalse();
    }

    // --- the forms

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\uD800", "\u007F", "\u0085", "\n"})
    void aQuoteFormWithAControlCharacterNamesTheField(String bad) {
        for (String field : new String[] {"clientName", "place", "clientCity", "clientAddress", "sessionCode"}) {
            Map<String, Object> form = quoteForm();
            form.put(field, "Aubenas" + bad + "Centre");
            assertThatThrownBy(() -> QuoteForm.parse(form, TODAY)).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.errors()).containsEntry(field, TextRules.MESSAGE));
        }
        // at either end too: trimming would drop it silently
        Map<String, Object> form = quoteForm();
        form.put("clientName", "Transports Vivarais" + bad);
        assertThatThrownBy(() -> QuoteForm.parse(form, TODAY)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).containsEntry("clientName", TextRules.MESSAGE));
    }

    @Test
    void participantsMayBeOneALineButNotControlCharacters() {
        Map<String, Object> form = quoteForm();
        form.put("participants", "Anne Dupont\r\nLuc\tMartin\n");
        assertThat(QuoteForm.parse(form, TODAY).participants()).hasSize(2);
        form.put("participants", "Anne Dupont\nLuc\u0000Martin");
        assertThatThrownBy(() -> QuoteForm.parse(form, TODAY)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).containsEntry("participants", TextRules.MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.0", "-0", "-0,00", "-5", "100", "5,555"})
    void aVatRateOutOfBoundsOrSignedIsRefused(String rate) {
        Map<String, Object> form = quoteForm();
        form.put("vatRate", rate);
        assertThatThrownBy(() -> QuoteForm.parse(form, TODAY)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).containsKey("vatRate"));
    }

    @Test
    void aSessionMoreThanFiveYearsAheadIsRefused() {
        Map<String, Object> form = quoteForm();
        form.put("startDate", TODAY.plusYears(5).toString());
        form.put("endDate", TODAY.plusYears(5).toString());
        assertThat(QuoteForm.parse(form, TODAY).startDate()).isEqualTo(TODAY.plusYears(5));
        form.put("startDate", "9999-12-31");
        form.put("endDate", "9999-12-31");
        assertThatThrownBy(() -> QuoteForm.parse(form, TODAY)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).containsKeys("startDate", "endDate"));
    }

    @Test
    void newDatesOfAPostponementWithinFiveYears() {
        FormReader ok = new FormReader(Map.of("newStartDate", TODAY.plusYears(5).toString(), "newEndDate", TODAY.plusYears(5).toString()));
        ok.newDates(TODAY);
        ok.check();
        FormReader far = new FormReader(Map.of("newStartDate", TODAY.plusYears(5).plusDays(1).toString(), "newEndDate", "9999-12-31"));
        far.newDates(TODAY);
        assertThatThrownBy(far::check).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).containsKeys("newStartDate", "newEndDate"));
    }

    @Test
    void everyTextAFormReaderGivesIsChecked() {
        FormReader form = new FormReader(Map.of("refundReference", "VIR\u0001", "decisionComment", "Ligne 1\nLigne 2"));
        form.optional("refundReference", 100);
        form.optional("decisionComment", 1000);
        assertThatThrownBy(form::check).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).containsOnlyKeys("refundReference").containsEntry("refundReference", TextRules.MESSAGE));
    }

    @Test
    void theEngineCheckRefusesEverySubmittedValue() {
        Map<String, Object> submitted = new HashMap<>();
        submitted.put("clientName", "ok");
        submitted.put("participants", "Anne Dupont\nLuc Martin");
        submitted.put("priceNet", 12);
        submitted.put("vatExempt", false);
        FormTextCheck.check(submitted); // nothing refused
        submitted.put("lexomReason", "x\u0000");
        submitted.put("selection", java.util.List.of("a", "b\uDC00"));
        assertThatThrownBy(() -> FormTextCheck.check(submitted)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> {
                    assertThat(e.errors()).containsOnlyKeys("lexomReason", "selection");
                    assertThat(e.getMessage()).contains(TextRules.MESSAGE);
                });
    }

    static Map<String, Object> quoteForm() {
        Map<String, Object> form = new HashMap<>();
        form.put("clientKind", "LEGAL_ENTITY");
        form.put("clientName", "Transports Vivarais SAS");
        form.put("clientEmail", "compta@transports-vivarais.example");
        form.put("clientAddress", "12 avenue de la Gare");
        form.put("clientCity", "Aubenas");
        form.put("trainingReference", "RCL-APPL-03");
        form.put("startDate", TODAY.plusMonths(2).toString());
        form.put("endDate", TODAY.plusMonths(2).plusDays(1).toString());
        form.put("modality", "ON_SITE");
        form.put("place", "LEXOM Aubenas");
        form.put("participants", "Anne Dupont\nLuc Martin");
        form.put("priceNet", "2 400,00");
        form.put("vatRate", "20");
        return form;
    }
}
