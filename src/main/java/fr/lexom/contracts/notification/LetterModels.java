package fr.lexom.contracts.notification;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** What a letter template may use: the contract, its invoices, the training's objectives and a few process facts. */
@Component
class LetterModels {

    private final ContractService contracts;
    private final InvoiceService invoices;

    LetterModels(ContractService contracts, InvoiceService invoices) {
        this.contracts = contracts;
        this.invoices = invoices;
    }

    Map<String, Object> of(String contractNumber, DelegateExecution execution) {
        ContractSummary contract = contracts.find(contractNumber);
        List<Invoice> all = invoices.ofContract(contractNumber);
        Map<String, Object> model = new HashMap<>();
        model.put("contract", contract);
        model.put("invoices", all);
        model.put("objectives", contracts.objectives(contractNumber));
        all.stream().filter(i -> i.kind() == InvoiceKind.DEPOSIT && !"CANCELLED".equals(i.status())).findFirst()
                .ifPresent(i -> model.put("deposit", i));
        all.stream().filter(i -> i.kind() == InvoiceKind.BALANCE && !"CANCELLED".equals(i.status())).reduce((a, b) -> b)
                .ifPresent(i -> model.put("balance", i));
        all.stream().filter(i -> i.kind() == InvoiceKind.FUNDER_SHARE).findFirst()
                .ifPresent(i -> model.put("funderInvoice", i));
        Object reason = execution.getVariable("cancellationReason");
        model.put("cancellationReason", reason == null ? "" : reason);
        for (String name : new String[] {"feeAmount", "feeRule", "refundAmount", "postponementFeeAmount"}) {
            Object value = execution.getVariable(name);
            model.put(name, value == null ? null : value.toString());
        }
        return model;
    }
}
