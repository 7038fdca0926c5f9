package fr.lexom.contracts.notification;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.LazyContextVariable;

/**
 * What a letter template may use: the contract, its invoices, the training's objectives and a few process facts. The
 * invoices and objectives are read only if the letter uses them (Thymeleaf's lazy variables): most letters print
 * neither, and reading them for each of a contract's dozen letters was a tenth of the app's own statements.
 */
@Component
class LetterModels {

    private final ContractService contracts;
    private final InvoiceService invoices;
    private final fr.lexom.contracts.delivery.HalfDays halfDays;

    LetterModels(ContractService contracts, InvoiceService invoices, fr.lexom.contracts.delivery.HalfDays halfDays) {
        this.contracts = contracts;
        this.invoices = invoices;
        this.halfDays = halfDays;
    }

    Map<String, Object> of(String contractNumber, DelegateExecution execution) {
        ContractSummary contract = contracts.find(contractNumber);
        LazyContextVariable<List<Invoice>> all = lazy(() -> invoices.ofContract(contractNumber));
        Map<String, Object> model = new HashMap<>();
        model.put("contract", contract);
        model.put("invoices", all);
        model.put("objectives", lazy(() -> contracts.objectives(contractNumber)));
        // E1: the training hours of the settings, as the half-days are signed (« 09h00 - 12h30 et 13h30 - 17h30 »)
        model.put("hours", halfDays.of(contract.startsOn(), "AM").hours() + " et " + halfDays.of(contract.startsOn(), "PM").hours());
        model.put("deposit", lazy(() -> all.getValue().stream()
                .filter(i -> i.kind() == InvoiceKind.DEPOSIT && !"CANCELLED".equals(i.status())).findFirst().orElse(null)));
        model.put("balance", lazy(() -> all.getValue().stream()
                .filter(i -> i.kind() == InvoiceKind.BALANCE && !"CANCELLED".equals(i.status())).reduce((a, b) -> b).orElse(null)));
        model.put("funderInvoice", lazy(() -> all.getValue().stream()
                .filter(i -> i.kind() == InvoiceKind.FUNDER_SHARE).findFirst().orElse(null)));
        Object reason = execution.getVariable("cancellationReason");
        model.put("cancellationReason", reason == null ? "" : reason);
        Object feeRule = execution.getVariable("feeRule");
        model.put("feeRule", feeRule == null ? null : feeRule.toString());
        // amounts travel as plain strings ("136.00"); letters print them the French way (fmt.euros)
        for (String name : new String[] {"feeAmount", "refundAmount", "postponementFeeAmount"}) {
            Object value = execution.getVariable(name);
            model.put(name, value == null || value.toString().isBlank() ? null : new BigDecimal(value.toString()));
        }
        // the refund made by accounting (task Rembourser le client)
        Object reference = execution.getVariable("refundReference");
        model.put("refundReference", reference == null ? null : reference.toString());
        Object refundedOn = execution.getVariable("refundedOn");
        model.put("refundedOn", refundedOn == null ? null : LocalDate.parse(refundedOn.toString().substring(0, 10)));
        return model;
    }

    /** A model's value, read now if it was left to be read when used. */
    static Object value(Map<String, Object> model, String name) {
        Object value = model.get(name);
        return value instanceof LazyContextVariable<?> lazy ? lazy.getValue() : value;
    }

    private static <T> LazyContextVariable<T> lazy(Supplier<T> read) {
        return new LazyContextVariable<>() {
            @Override
            protected T loadValue() {
                return read.get();
            }
        };
    }
}
