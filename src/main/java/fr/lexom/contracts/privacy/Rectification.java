package fr.lexom.contracts.privacy;

/**
 * New values for a person's data (G1, right to rectification); null leaves a field as it is. Client fields apply to
 * the clients found by the e-mail address, participant fields to the participants it names.
 */
public record Rectification(String name, String newEmail, String phone, String billingLine1, String billingLine2,
                            String billingPostalCode, String billingCity, String firstName, String lastName) {
}
