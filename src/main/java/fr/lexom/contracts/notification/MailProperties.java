package fr.lexom.contracts.notification;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbox settings ({@code lexom.mail.*}). SMTP itself is configured with Spring's {@code spring.mail.*};
 * without {@code spring.mail.host} the mails are kept as .eml files in {@code dropFolder}.
 */
@ConfigurationProperties("lexom.mail")
public record MailProperties(
        String from,
        Path dropFolder,
        Duration pollInterval,
        int maxAttempts,
        Duration firstRetryDelay,
        Duration sendingLease) {
}
