package fr.lexom.contracts.billing;

/**
 * The outcome of recording a payment; {@code duplicate} when the same reference was already recorded;
 * {@code excess} what was paid beyond the invoice's outstanding amount (to refund).
 */
public record PaymentResult(long paymentId, Invoice invoice, boolean duplicate, java.math.BigDecimal excess) {
}
