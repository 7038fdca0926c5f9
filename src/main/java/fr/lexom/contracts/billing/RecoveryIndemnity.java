package fr.lexom.contracts.billing;

import fr.lexom.contracts.contract.ClientKind;
import java.math.BigDecimal;
import java.time.LocalDate;

/** L2 (Code de commerce D441-5): a fixed 40 EUR per late invoice, for legal-person clients only, never individuals. */
public final class RecoveryIndemnity {

    public static final BigDecimal AMOUNT = new BigDecimal("40.00");

    private RecoveryIndemnity() {
    }

    public static BigDecimal due(ClientKind client, LocalDate dueOn, LocalDate on) {
        boolean late = on.isAfter(dueOn);
        return late && client.isLegalPerson() ? AMOUNT : BigDecimal.ZERO.setScale(2);
    }
}
