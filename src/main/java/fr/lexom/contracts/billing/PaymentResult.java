package fr.lexom.contracts.billing;

/** The outcome of recording a payment; {@code duplicate} when the same reference was already recorded. */
public record PaymentResult(long paymentId, Invoice invoice, boolean duplicate) {
}
