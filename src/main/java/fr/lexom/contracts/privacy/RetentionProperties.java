package fr.lexom.contracts.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long data is kept ({@code lexom.retention.*}): personal data of clients and participants for
 * {@code personalDataYears} after the contractual relationship ends (G1, 5 by default); invoices and accounting
 * records for {@code accountingYears} (G2, 10); a personal-data export handed to a person for
 * {@code exportDays}. {@code cron}: when the nightly purge runs.
 */
@ConfigurationProperties("lexom.retention")
public record RetentionProperties(int personalDataYears, int accountingYears, int exportDays, String cron) {
}
