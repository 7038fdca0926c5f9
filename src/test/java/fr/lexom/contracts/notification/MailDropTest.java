package fr.lexom.contracts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** With no SMTP server configured, mail is kept as readable .eml files and never lost. */
@IntegrationTest
class MailDropTest {

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxSender sender;
    @Autowired
    MailTransport transport;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void withoutSmtpTheMailIsKeptAsAnEmlFile() throws Exception {
        assertThat(transport).isInstanceOf(FileDropMailTransport.class);
        String key = "DEV-2026-99999/quote/" + UUID.randomUUID();
        transaction.execute(s -> outbox.enqueue(new OutboxMail(key, "DEV-2026-99999", "quote",
                List.of("client@example.org"), "Votre devis DEV-2026-99999", "Bonjour,\nVoici votre devis.\n", null)));

        sender.sendDue();

        long id = jdbc.sql("SELECT id FROM outbox_mail WHERE dedup_key = ?").param(key).query(Long.class).single();
        assertThat(jdbc.sql("SELECT status FROM outbox_mail WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("KEPT");
        try (var files = Files.list(Path.of("target/test-mail"))) {
            String expected = "%06d-%s.eml".formatted(id, key.replaceAll("[^A-Za-z0-9._-]", "_"));
            Path eml = files.filter(f -> f.getFileName().toString().equals(expected)).findFirst().orElseThrow();
            String content = Files.readString(eml);
            assertThat(content).contains("To: client@example.org", "Message-ID: " + Outbox.messageId(key));
        }
    }
}
