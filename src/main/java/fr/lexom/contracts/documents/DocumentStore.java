package fr.lexom.contracts.documents;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The documents of the contracts (table {@code document}). A document is written once under its key, in the
 * caller's transaction: a retried step finds the stored document and never renders a second one. Two concurrent
 * writers of one key: the unique index fails the second transaction, which its job or request retries.
 */
@Repository
class DocumentStore {

    private static final String COLUMNS = """
            id, contract_number, kind, reference, title, file_name, media_type, size_bytes, sha256, created_at""";

    private static final String PDF = "application/pdf";

    private final JdbcClient jdbc;
    private final Clock clock;

    DocumentStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The document stored under {@code dedupKey}, or the one {@code render} makes now, stored in this transaction. */
    @Transactional
    DocumentInfo getOrCreate(String dedupKey, String contractNumber, DocumentKind kind, String reference, String title,
                             String fileName, Supplier<byte[]> render) {
        Optional<DocumentInfo> existing = byKey(dedupKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = render.get();
        String sha256 = sha256(bytes);
        // in UTC and to the microsecond, as the column gives it back: the document returned now is the one read later
        OffsetDateTime createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO document (dedup_key, contract_number, kind, reference, title, file_name, media_type, content,
                                      size_bytes, sha256, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(dedupKey, contractNumber, kind.name(), reference, title, fileName, PDF, bytes, bytes.length,
                        sha256, createdAt)
                .update(key, "id");
        return new DocumentInfo(key.getKeyAs(Number.class).longValue(), contractNumber, kind, reference, title, fileName,
                PDF, bytes.length, sha256, createdAt);
    }

    Optional<DocumentInfo> byKey(String dedupKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE dedup_key = ?").param(dedupKey)
                .query(DocumentStore::info).optional();
    }

    Optional<DocumentInfo> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = ?").param(id).query(DocumentStore::info).optional();
    }

    Optional<DocumentContent> content(long id) {
        return find(id).map(info -> new DocumentContent(info, jdbc.sql("SELECT content FROM document WHERE id = ?")
                .param(id).query((rs, n) -> rs.getBytes(1)).single()));
    }

    List<DocumentInfo> ofContract(String contractNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE contract_number = ? ORDER BY id")
                .param(contractNumber).query(DocumentStore::info).list();
    }

    private static DocumentInfo info(ResultSet rs, int row) throws SQLException {
        return new DocumentInfo(rs.getLong("id"), rs.getString("contract_number"), DocumentKind.valueOf(rs.getString("kind")),
                rs.getString("reference"), rs.getString("title"), rs.getString("file_name"), rs.getString("media_type"),
                rs.getInt("size_bytes"), rs.getString("sha256"), rs.getObject("created_at", OffsetDateTime.class));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
