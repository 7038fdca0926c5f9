package fr.lexom.contracts.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment as accounting records it in Tasklist or another system reports it. {@code externalReference} (the
 * bank reference) makes it idempotent; {@code invoiceNumber} or else {@code contractNumber} matches it.
 */
public record PaymentReport(String externalReference, String invoiceNumber, String contractNumber, BigDecimal amount,
                            LocalDate receivedOn, String payer, String source, String recordedBy) {
}
