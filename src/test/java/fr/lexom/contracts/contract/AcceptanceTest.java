package fr.lexom.contracts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What makes an order firm, per edition: S1-2025 (any written acceptance) and S1-LEGACY ("BON POUR ACCORD"). */
class AcceptanceTest {

    static final LocalDate ISSUED = LocalDate.of(2026, 11, 2);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void anElectronicAcceptanceIsEnough_S1_2025() {
        Acceptance acceptance = Acceptance.check(CgvEdition.CGV_2025, ClientKind.LEGAL_ENTITY, ISSUED, TODAY,
                "2026-11-20", "ELECTRONIC_SIGNATURE", null, null, null);
        assertThat(acceptance.signedOn()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(acceptance.document()).contains("S1-2025");
    }

    @Test
    void legacyNeedsTheAcceptanceMarkAndTheSignedCgv_S1_LEGACY() {
        assertThatThrownBy(() -> Acceptance.check(CgvEdition.CGV_LEGACY, ClientKind.LEGAL_ENTITY, ISSUED, TODAY,
                "2026-11-20", "SIGNED_QUOTE", false, false, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("BON POUR ACCORD")
                .hasMessageContaining("CGV doivent être paraphées et signées");
        Acceptance ok = Acceptance.check(CgvEdition.CGV_LEGACY, ClientKind.LEGAL_ENTITY, ISSUED, TODAY,
                "2026-11-20", null, true, true, null);
        assertThat(ok.document()).contains("BON POUR ACCORD");
    }

    @Test
    void signatureBeforeTheQuoteOrInTheFutureIsRefused() {
        assertThatThrownBy(() -> Acceptance.check(CgvEdition.CGV_2025, ClientKind.LEGAL_ENTITY, ISSUED, TODAY,
                "2026-11-01", "SIGNED_QUOTE", null, null, null)).hasMessageContaining("précéder l'émission du devis");
        assertThatThrownBy(() -> Acceptance.check(CgvEdition.CGV_2025, ClientKind.LEGAL_ENTITY, ISSUED, TODAY,
                "2026-11-24", "SIGNED_QUOTE", null, null, null)).hasMessageContaining("dans le futur");
    }

    @Test
    void earlyStartWaiverOnlyForAnIndividualUnder2025_W1() {
        assertThat(Acceptance.check(CgvEdition.CGV_2025, ClientKind.INDIVIDUAL, ISSUED, TODAY, "2026-11-20",
                "SIGNED_QUOTE", null, null, true).earlyStartWaiver()).isTrue();
        assertThat(Acceptance.check(CgvEdition.CGV_LEGACY, ClientKind.INDIVIDUAL, ISSUED, TODAY, "2026-11-20",
                null, true, true, true).earlyStartWaiver()).isFalse();
        assertThat(Acceptance.check(CgvEdition.CGV_2025, ClientKind.LEGAL_ENTITY, ISSUED, TODAY, "2026-11-20",
                "SIGNED_QUOTE", null, null, true).earlyStartWaiver()).isFalse();
    }
}
