package fr.lexom.contracts.collection;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dunning plan ({@code lexom.collection.*}): courteous reminders N days after the due date, then the formal
 * notice prepared by accounting; the 8 days after the notice are the CGV's (R1), not a setting.
 */
@ConfigurationProperties("lexom.collection")
public record CollectionProperties(int firstReminderDays, int secondReminderDays, int formalNoticeDays) {

    public CollectionProperties {
        if (!(0 < firstReminderDays && firstReminderDays < secondReminderDays && secondReminderDays < formalNoticeDays)) {
            throw new IllegalArgumentException("lexom.collection: first-reminder-days < second-reminder-days < formal-notice-days");
        }
    }
}
