package fr.lexom.contracts.billing;

import static fr.lexom.contracts.process.ContractVariables.CONTRACT_NUMBER;

import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.process.CollectionStarter;
import java.util.List;
import fr.lexom.contracts.process.StageVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_HandOverToCollection: the hand-over point to collection. Each open client invoice gets its
 * invoice-collection process (reminders, formal notice, resolution); the model learns whether all are settled.
 */
@Component("handOverToCollection")
class HandOverToCollectionDelegate implements JavaDelegate {

    private final InvoiceService invoices;
    private final ContractService contracts;
    private final CollectionStarter collection;

    HandOverToCollectionDelegate(InvoiceService invoices, ContractService contracts, CollectionStarter collection) {
        this.invoices = invoices;
        this.contracts = contracts;
        this.collection = collection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable(CONTRACT_NUMBER);
        List<Invoice> open = invoices.ofContract(number).stream()
                .filter(Invoice::open).toList();
        if (open.isEmpty()) {
            execution.setVariable("invoicesSettled", true);
            return;
        }
        // the client's invoices are dunned (L1, R1); a funder's share follows O4 instead
        open.stream().filter(i -> !i.billedToFunder()).forEach(i -> collection.start(i.number()));
        contracts.moveTo(number, ContractStage.IN_COLLECTION, "Factures à encaisser : "
                + open.stream().map(i -> i.number() + " (" + i.outstanding() + " EUR)").toList(), "system");
        StageVariables.set(execution, ContractStage.IN_COLLECTION);
        execution.setVariable("invoicesSettled", false);
    }
}
