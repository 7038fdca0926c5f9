package fr.lexom.contracts.billing;

/** Published when a payment settles an invoice, for the processes waiting on it. */
public record InvoicePaid(Invoice invoice, boolean contractSettled) {
}
