package fr.lexom.contracts.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.participant.ParticipantLinks.Refusal;
import fr.lexom.contracts.participant.ParticipantLinks.RefusedLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Issue 23: the signed personal links of participants and trainers. */
class ParticipantLinksTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    final ParticipantLinks links = new ParticipantLinks(SECRET);

    @Test
    void aLinkOpensForItsPersonAndPurposeUntilItExpires() {
        String token = links.token(42, Purpose.PARTICIPANT, NOW.plus(Duration.ofDays(3)));
        var holder = links.open(token, Purpose.PARTICIPANT, NOW);
        assertThat(holder.id()).isEqualTo(42);
        assertThat(holder.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThatThrownBy(() -> links.open(token, Purpose.PARTICIPANT, NOW.plus(Duration.ofDays(3))))
                .isInstanceOfSatisfying(RefusedLink.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.EXPIRED));
    }

    @Test
    void aParticipantsLinkIsNoTrainersLink() {
        String token = links.token(42, Purpose.PARTICIPANT, NOW.plusSeconds(60));
        assertThatThrownBy(() -> links.open(token, Purpose.TRAINER, NOW))
                .isInstanceOfSatisfying(RefusedLink.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.INVALID));
    }

    @Test
    void anAlteredOrForeignLinkOpensNothing() {
        String token = links.token(42, Purpose.PARTICIPANT, NOW.plusSeconds(3600));
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        // another person's id, the same signature
        String otherId = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.US_ASCII).replace(".42.", ".43.")
                        .getBytes(StandardCharsets.US_ASCII));
        // a later expiry, the same signature
        String later = Base64.getUrlEncoder().withoutPadding().encodeToString(("v1.42.PARTICIPANT." + NOW.plusSeconds(99_999)
                .getEpochSecond()).getBytes(StandardCharsets.US_ASCII));
        for (String forged : new String[] {otherId + "." + signature, later + "." + signature, payload + ".AAAA", payload,
                "", "..", "%%%.%%%", token + "x", new ParticipantLinks("another-secret-another-secret-123").token(42,
                Purpose.PARTICIPANT, NOW.plusSeconds(3600)), "x".repeat(500)}) {
            assertThatThrownBy(() -> links.open(forged, Purpose.PARTICIPANT, NOW)).as(forged)
                    .isInstanceOfSatisfying(RefusedLink.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.INVALID));
        }
        assertThat(token).as("no personal data in clear").doesNotContain("@");
    }

    @Test
    void thereIsNoLinkWithoutARealSecret() {
        for (String weak : new String[] {null, "", "   ", "${LEXOM_PARTICIPANT_LINK_SECRET}", "short"}) {
            assertThatThrownBy(() -> new ParticipantLinks(weak)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("LEXOM_PARTICIPANT_LINK_SECRET");
        }
    }

    @Test
    void aLinksFingerprintIsTheHexSha256OfItsToken_E1() {
        assertThat(ParticipantLinks.fingerprint("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ParticipantLinks.fingerprint("abd")).hasSize(64).isNotEqualTo(ParticipantLinks.fingerprint("abc"));
    }
}
