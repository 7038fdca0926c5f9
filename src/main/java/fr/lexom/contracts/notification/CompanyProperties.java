package fr.lexom.contracts.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** LEXOM's identity and bank details, as letters and invoices print them ({@code lexom.company.*}). */
@ConfigurationProperties("lexom.company")
public record CompanyProperties(String name, String address, String siren, String vatNumber, String iban, String bic,
                                String email, String phone) {

    public boolean hasBankDetails() {
        return iban != null && !iban.isBlank();
    }
}
