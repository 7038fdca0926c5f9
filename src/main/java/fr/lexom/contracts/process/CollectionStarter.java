package fr.lexom.contracts.process;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts the collection of an invoice (business key = invoice number), once per invoice. */
@Component
public class CollectionStarter {

    public static final String PROCESS = "invoice-collection";

    private final RuntimeService runtimeService;
    private final HistoryService historyService;

    public CollectionStarter(RuntimeService runtimeService, HistoryService historyService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
    }

    public void start(String invoiceNumber) {
        boolean started = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(invoiceNumber).count() > 0;
        if (!started) {
            runtimeService.startProcessInstanceByKey(PROCESS, invoiceNumber, Map.of("invoiceNumber", invoiceNumber));
        }
    }
}
