package fr.lexom.contracts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The same external reference reported twice is recorded once and answered the same way: the first answer is
 * stored with the effect, in one transaction; a replay gets it back; the same reference with another content
 * is a conflict.
 */
@Component
class IdempotentIntake {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    IdempotentIntake(JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    ResponseEntity<Object> once(String kind, String externalReference, String contractNumber, Object request,
                                String actor, Supplier<ResponseEntity<Object>> effect) {
        String hash = hash(request);
        Optional<ResponseEntity<Object>> replay = replay(kind, externalReference, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return transaction.execute(status -> {
                ResponseEntity<Object> response = effect.get();
                jdbc.sql("""
                        INSERT INTO inbound_event (kind, external_reference, contract_number, request_hash, response_status,
                                                   response_body, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(kind, externalReference, contractNumber, hash, response.getStatusCode().value(),
                                write(response.getBody()), actor)
                        .update();
                return response;
            });
        } catch (RuntimeException e) {
            // A concurrent twin may have won the race: answer as it was answered.
            Optional<ResponseEntity<Object>> twin = replay(kind, externalReference, hash);
            if (twin.isPresent()) {
                return twin.get();
            }
            throw e;
        }
    }

    private Optional<ResponseEntity<Object>> replay(String kind, String externalReference, String hash) {
        return jdbc.sql("SELECT request_hash, response_status, response_body FROM inbound_event WHERE kind = ? AND external_reference = ?")
                .params(kind, externalReference)
                .query((rs, n) -> {
                    if (!hash.equals(rs.getString("request_hash"))) {
                        throw new fr.lexom.contracts.contract.ReusedReferenceException("externalReference", "La référence "
                                + externalReference + " a déjà été utilisée pour une autre demande.");
                    }
                    return ResponseEntity.status(rs.getInt("response_status")).body(read(rs.getString("response_body")));
                })
                .optional();
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object read(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
