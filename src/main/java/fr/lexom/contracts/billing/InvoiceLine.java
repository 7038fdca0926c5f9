package fr.lexom.contracts.billing;

import java.math.BigDecimal;

/** One line of an invoice, with the rule of the rulebook that produced it. */
public record InvoiceLine(String label, BigDecimal net, String ruleId) {
}
