package fr.lexom.contracts.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import fr.lexom.contracts.process.AsSystem;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes a person's values from the engine's runtime and history (G1). Variables go through the engine's API,
 * removed ones included; the history details (each value a variable took, and the values typed into a start form)
 * have no deleting API in Camunda 7, so their rows are deleted from ACT_HI_DETAIL (and their byte arrays) by SQL,
 * on the schema Camunda 7 and Operaton share.
 */
@Component
class EngineHistoryScrubber {

    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final JdbcClient jdbc;
    private final AsSystem asSystem;

    EngineHistoryScrubber(HistoryService historyService, RuntimeService runtimeService, JdbcClient jdbc, AsSystem asSystem) {
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.jdbc = jdbc;
        this.asSystem = asSystem;
    }

    /**
     * Variables and details of the instances whose value contains one of {@code personal}; returns how many went.
     * Runs as the application: the DPO is entitled to erase, not to read every instance in Cockpit.
     */
    int scrubValues(Collection<String> processInstanceIds, Set<String> personal) {
        return asSystem.run(() -> scrub(processInstanceIds, personal));
    }

    /** The instances about these contracts: their own, their invoices' collection cases, any naming them. */
    Set<String> instancesOf(Collection<String> contractNumbers, Collection<String> invoiceNumbers) {
        return asSystem.run(() -> {
            Set<String> ids = new java.util.LinkedHashSet<>();
            for (String number : contractNumbers) {
                historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).list()
                        .forEach(p -> ids.add(p.getId()));
                historyService.createHistoricVariableInstanceQuery().variableValueEquals("contractNumber", number).list()
                        .forEach(v -> ids.add(v.getProcessInstanceId()));
            }
            for (String number : invoiceNumbers) {
                historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).list()
                        .forEach(p -> ids.add(p.getId()));
            }
            return ids;
        });
    }

    private int scrub(Collection<String> processInstanceIds, Set<String> personal) {
        int erased = 0;
        for (String instanceId : processInstanceIds) {
            for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(instanceId).includeDeleted().disableCustomObjectDeserialization().list()) {
                // objects (the attendance sheet, as JSON) are read as they are stored, without deserializing them
                TypedValue typed = variable.getTypedValue();
                Object value = typed instanceof SerializableValue serializable && !serializable.isDeserialized()
                        ? serializable.getValueSerialized() : typed == null ? null : typed.getValue();
                if (value != null && containsAny(value.toString(), personal)) {
                    if (runtimeService.createVariableInstanceQuery().variableId(variable.getId()).count() > 0) {
                        runtimeService.removeVariable(variable.getExecutionId(), variable.getName());
                    }
                    historyService.deleteHistoricVariableInstance(variable.getId());
                    erased++;
                }
            }
            List<Map<String, Object>> details = jdbc.sql("""
                    SELECT d.ID_, d.TEXT_, d.TEXT2_, d.BYTEARRAY_ID_, b.BYTES_ FROM ACT_HI_DETAIL d
                    LEFT JOIN ACT_GE_BYTEARRAY b ON b.ID_ = d.BYTEARRAY_ID_ WHERE d.PROC_INST_ID_ = ?""")
                    .param(instanceId).query().listOfRows();
            for (Map<String, Object> detail : details) {
                Object[] columns = detail.values().toArray();
                String text = columns[1] + "\n" + columns[2]
                        + (columns[4] instanceof byte[] bytes ? "\n" + new String(bytes, StandardCharsets.UTF_8) : "");
                if (containsAny(text, personal)) {
                    deleteDetail((String) columns[0], (String) columns[3]);
                    erased++;
                }
            }
        }
        return erased;
    }

    /** The details (values and form entries) of the named variables of one instance. */
    void scrubNames(String processInstanceId, Collection<String> names) {
        for (String name : names) {
            for (Map<String, Object> detail : jdbc.sql("SELECT ID_, BYTEARRAY_ID_ FROM ACT_HI_DETAIL WHERE PROC_INST_ID_ = ? AND NAME_ = ?")
                    .params(processInstanceId, name).query().listOfRows()) {
                Object[] columns = detail.values().toArray();
                deleteDetail((String) columns[0], (String) columns[1]);
            }
        }
    }

    private void deleteDetail(String id, String byteArrayId) {
        jdbc.sql("DELETE FROM ACT_HI_DETAIL WHERE ID_ = ?").param(id).update();
        if (byteArrayId != null) {
            jdbc.sql("DELETE FROM ACT_GE_BYTEARRAY WHERE ID_ = ?").param(byteArrayId).update();
        }
    }

    private static boolean containsAny(String text, Set<String> values) {
        String lower = text.toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> lower.contains(v.toLowerCase(Locale.ROOT)));
    }
}
