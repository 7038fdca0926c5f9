package fr.lexom.contracts.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * LEXOM's identity and bank details, as letters, invoices and training agreements print them
 * ({@code lexom.company.*}). {@code activityDeclaration}: the training organisation's declaration number (NDA).
 */
@ConfigurationProperties("lexom.company")
public record CompanyProperties(String name, String address, String siren, String vatNumber, String iban, String bic,
                                String email, String phone, String activityDeclaration) {

    public boolean hasBankDetails() {
        return iban != null && !iban.isBlank();
    }
}
