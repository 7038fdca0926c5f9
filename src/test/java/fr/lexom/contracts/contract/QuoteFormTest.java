package fr.lexom.contracts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.lexom.contracts.support.QuoteForms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "Nouveau devis" form: Q2 content, exact amounts as typed, a French message per wrong field. */
class QuoteFormTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void readsAFrenchAmountExactlyAsTyped() {
        Map<String, Object> form = QuoteForms.company(TODAY.plusMonths(1));
        form.put("priceNet", "1 250,50");
        QuoteRequest request = QuoteForm.parse(form, TODAY);
        assertThat(request.priceNet()).isEqualTo(new BigDecimal("1250.50"));
        assertThat(request.vatRatePercent()).isEqualByComparingTo("20");
        assertThat(request.participants()).extracting(QuoteRequest.Participant::lastName).containsExactly("Dupont", "Martin");
        assertThat(request.participants().get(0).email()).isEqualTo("anne.dupont@example.org");
        assertThat(request.cgvEdition()).isEqualTo(CgvEdition.CGV_2025);
        assertThat(request.funderCode()).isNull();
        assertThat(request.foreignClient()).isFalse();
    }

    @Test
    void editionDefaultsTo2025AndAForeignCountryIsKept_P2_2025() {
        Map<String, Object> form = QuoteForms.company(TODAY.plusMonths(1));
        form.remove("cgvEdition");
        form.put("clientCountry", "ch");
        form.remove("clientSiret");
        QuoteRequest request = QuoteForm.parse(form, TODAY);
        assertThat(request.cgvEdition()).isEqualTo(CgvEdition.CGV_2025);
        assertThat(request.clientCountry()).isEqualTo("CH");
        assertThat(request.foreignClient()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "0", "0,00", "12.345", "abc", "1e3", "99999999999"})
    void impossibleAmountsAreRefused(String price) {
        Map<String, Object> form = QuoteForms.company(TODAY.plusMonths(1));
        form.put("priceNet", price);
        assertThatThrownBy(() -> QuoteForm.parse(form, TODAY))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors(), InstanceOfAssertFactories.MAP)
                .containsKey("priceNet");
    }

    @Test
    void everyWrongFieldIsNamedInFrench() {
        Map<String, Object> form = QuoteForms.company(TODAY.minusDays(1));
        form.put("endDate", TODAY.minusDays(3).toString());
        form.put("clientSiret", "123");
        form.put("clientEmail", "nobody");
        form.put("participants", "Cher");
        form.put("vatRate", "120");
        form.remove("clientName");
        InvalidRequestException error = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
                () -> QuoteForm.parse(form, TODAY));
        assertThat(error.errors()).containsOnlyKeys("startDate", "endDate", "clientSiret", "clientEmail",
                "participants", "vatRate", "clientName");
        assertThat(error.errors().get("startDate")).isEqualTo("La date de début ne peut pas être dans le passé.");
        assertThat(error.errors().get("clientName")).isEqualTo("Veuillez renseigner le nom du client.");
        assertThat(error.getMessage()).startsWith("Saisie incomplète ou incorrecte");
    }

    @Test
    void exemptTrainingNeedsNoVatRate() {
        Map<String, Object> form = QuoteForms.company(TODAY.plusMonths(1));
        form.put("vatExempt", true);
        form.remove("vatRate");
        assertThat(QuoteForm.parse(form, TODAY).vatRatePercent()).isEqualByComparingTo("0");
    }
}
