package fr.lexom.contracts.participant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal links of participants and trainers, who have no staff account (issue 23): a token that names one person
 * for one purpose until an instant, signed with the server's secret (HMAC-SHA256), so it cannot be guessed, altered or
 * turned to another purpose. It carries no personal data in clear: the person's row id, the purpose and the expiry.
 *
 * <p>Format: {@code base64url(v1.<id>.<purpose>.<expiresEpochSecond>) "." base64url(hmac)}.
 */
public final class ParticipantLinks {

    /** What a link is for; a link for one purpose opens nothing else. */
    public enum Purpose { PARTICIPANT, TRAINER }

    /** The person and purpose a valid link names. */
    public record Holder(long id, Purpose purpose, Instant expiresAt) {
    }

    /** Why a link was refused: unknown or altered (404), or out of date (410). */
    public enum Refusal { INVALID, EXPIRED }

    /** A link that opens nothing, and why. */
    public static final class RefusedLink extends RuntimeException {
        private final Refusal refusal;

        RefusedLink(Refusal refusal) {
            super(refusal == Refusal.EXPIRED ? "link expired" : "link invalid");
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** At least 32 bytes of secret: HMAC-SHA256's own block strength. */
    static final int MIN_SECRET_LENGTH = 32;

    private final byte[] secret;

    public ParticipantLinks(String secret) {
        if (secret == null || secret.isBlank() || secret.contains("${")
                || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("No secret for participants' links: set LEXOM_PARTICIPANT_LINK_SECRET to at least "
                    + MIN_SECRET_LENGTH + " random characters (there is no default outside the embedded demo profile).");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The token of {@code id}'s link for {@code purpose}, valid until {@code expiresAt}. */
    public String token(long id, Purpose purpose, Instant expiresAt) {
        String payload = String.join(".", VERSION, Long.toString(id), purpose.name(), Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** Who {@code token} names, if it is ours, unaltered, for {@code purpose} and not expired at {@code now}. */
    public Holder open(String token, Purpose purpose, Instant now) {
        Holder holder = read(token).orElseThrow(() -> new RefusedLink(Refusal.INVALID));
        if (holder.purpose() != purpose) {
            throw new RefusedLink(Refusal.INVALID);
        }
        if (!now.isBefore(holder.expiresAt())) {
            throw new RefusedLink(Refusal.EXPIRED);
        }
        return holder;
    }

    /**
     * The evidence of which link was used (E1: signatures, evaluation answers): the hex SHA-256 of the token string,
     * never the token itself, which would open the page again.
     */
    public static String fingerprint(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private Optional<Holder> read(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            // compared in constant time: the time taken says nothing of how much of a forged signature was right
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\.");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Holder(Long.parseLong(parts[1]), Purpose.valueOf(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
