package fr.lexom.contracts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.contract.CgvEdition;
import fr.lexom.contracts.contract.ClientKind;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.contract.ContractSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Letters render in French from their templates, with the contract's own figures. */
class LettersTest {

    final Letters letters = new Letters(new CompanyProperties("LEXOM", "5 rue Jean Jaurès, 07200 Aubenas", "000000000", null,
            "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPPXXX", "formation@lexom.fr", null, null));

    @Test
    void quoteStatesWhatQ2RequiresAndTheEditionsAcceptanceRule() {
        OutboxMail mail = letters.write("quote", "k", "DEV-2026-00007", List.of("client@example.org"),
                Map.of("contract", contract(CgvEdition.CGV_LEGACY, ClientKind.LEGAL_ENTITY)));
        assertThat(mail.subject()).isEqualTo("Votre devis DEV-2026-00007 - La Relation Client par écrit - emails et courriers");
        assertThat(mail.bodyText()).contains("RCL-APPL-03", "du 1er février 2027 au 2 février 2027", "en présentiel",
                "2\u202f400,00\u00a0€ HT", "2\u202f880,00\u00a0€ TTC", "TVA 20\u00a0%", "valable jusqu'au 23 décembre 2026",
                "BON POUR ACCORD", "Participants : 2");
    }

    @Test
    void acknowledgementTellsAnIndividualAboutTheWithdrawalPeriod_S2_W1() {
        OutboxMail mail = letters.write("acceptance-acknowledgement", "k", "DEV-2026-00007", List.of("x@example.org"),
                Map.of("contract", contract(CgvEdition.CGV_2025, ClientKind.INDIVIDUAL)));
        assertThat(mail.bodyText()).contains("quatorze jours", "Aucune somme ne vous sera demandée");
        OutboxMail company = letters.write("acceptance-acknowledgement", "k", "DEV-2026-00007", List.of("x@example.org"),
                Map.of("contract", contract(CgvEdition.CGV_2025, ClientKind.LEGAL_ENTITY)));
        assertThat(company.bodyText()).doesNotContain("rétractation");
    }

    @Test
    void oneLinePerParagraphButTheSignatureKeepsItsOwnLine() {
        OutboxMail mail = letters.write("quote", "k", "DEV-2026-00007", List.of("client@example.org"),
                Map.of("contract", contract(CgvEdition.CGV_2025, ClientKind.LEGAL_ENTITY)));
        assertThat(mail.bodyText()).contains("Merci de l'intérêt que vous portez à LEXOM. Comme convenu, voici notre proposition pour la formation « La Relation")
                .endsWith("Bien cordialement,\nL'équipe LEXOM Formation\n")
                .contains("\n- Dates : du 1er février 2027");
    }

    @Test
    void frenchFormats() {
        LetterFormat format = new LetterFormat();
        assertThat(format.euros(new BigDecimal("1234567.8"))).isEqualTo("1\u202f234\u202f567,80\u00a0€");
        assertThat(format.date(LocalDate.of(2027, 3, 1))).isEqualTo("1er mars 2027");
        assertThat(format.percent(new BigDecimal("0.0550"))).isEqualTo("5,5\u00a0%");
    }

    static ContractSummary contract(CgvEdition edition, ClientKind kind) {
        return new ContractSummary(1, "DEV-2026-00007", edition, ContractStage.QUOTE_SENT, kind, "Client",
                "client@example.org", "FR", "RCL-APPL-03", "La Relation Client par écrit - emails et courriers",
                "ON_SITE", null, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 2), new BigDecimal("2400.00"),
                new BigDecimal("0.2000"), false, new BigDecimal("480.00"), new BigDecimal("2880.00"), null, null,
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 23), LocalDate.of(2026, 11, 25), 2);
    }
}
