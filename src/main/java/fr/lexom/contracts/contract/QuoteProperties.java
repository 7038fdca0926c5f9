package fr.lexom.contracts.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Q1: how many days before the quote's expiry the client gets a courteous reminder (7 by default). */
@ConfigurationProperties("lexom.quote")
public record QuoteProperties(int expiryReminderDays) {

    public QuoteProperties {
        if (expiryReminderDays < 1 || expiryReminderDays >= ContractService.QUOTE_VALIDITY_DAYS) {
            throw new IllegalArgumentException("lexom.quote.expiry-reminder-days must be between 1 and 29");
        }
    }
}
