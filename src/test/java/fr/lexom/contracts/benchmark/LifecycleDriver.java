package fr.lexom.contracts.benchmark;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives contracts through the real models as staff and the bank would, timers fast-forwarded by executing their
 * jobs, asynchronous steps executed by the calling thread (the job executor is off in the test profile). The steps
 * are those of {@link LifecycleBenchmark#realLifecycle} (copied from it, without its timings, so that the lifecycle
 * benchmark stays as it is); {@link HistoryBenchmark} uses it to make the template lifecycles it clones and the
 * running contracts its Tasklist filters show.
 */
final class LifecycleDriver {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final ProcessEngine engine;
    private final InvoiceService invoices;
    private final PaymentService payments;
    private final ContractService contracts;
    private final TransactionTemplate transaction;

    LifecycleDriver(ProcessEngine engine, InvoiceService invoices, PaymentService payments, ContractService contracts,
                    TransactionTemplate transaction) {
        this.engine = engine;
        this.invoices = invoices;
        this.payments = payments;
        this.contracts = contracts;
        this.transaction = transaction;
    }

    /** A company's contract from the quote to CLOSED: signed, deposit paid, delivered, balance paid by the bank. */
    String closedContract() {
        ProcessInstance contract = quote();
        String number = number(contract);
        sign(contract);
        payDeposit(contract);
        deliver(contract);
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance collection = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("invoice-collection").processInstanceBusinessKey(balance.number()).singleResult();
        runJobs(collection.getId());
        transaction.executeWithoutResult(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), balance.number(),
                null, balance.gross(), today(), "client", "BANK_FEED", "bank"), true));
        runJobs(collection.getId());
        runJobs(contract.getId());
        fire(contract, "Timer_ColdEvaluation");
        String stage = contracts.find(number).stage().name();
        if (!"CLOSED".equals(stage) || engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(contract.getId()).count() > 0) {
            throw new IllegalStateException("Lifecycle of " + number + " did not end CLOSED: " + stage);
        }
        return number;
    }

    /** A running contract left waiting at step 0 (signature), 1 (deposit) or 2 (attendance). */
    String runningContract(int step) {
        ProcessInstance contract = quote();
        if (step >= 1) {
            sign(contract);
        }
        if (step >= 2) {
            payDeposit(contract);
            fire(contract, "Timer_ConvocationDue");
            fire(contract, "Timer_TrainingStarts");
        }
        return number(contract);
    }

    private ProcessInstance quote() {
        ProcessInstance contract = asUser(TestUsers.SALES, "sales", () -> engine.getFormService().submitStartForm(
                definition("training-contract"), QuoteForms.company(today().plusMonths(2))));
        runJobs(contract.getId());
        return contract;
    }

    private void sign(ProcessInstance contract) {
        complete(contract, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE"));
        runJobs(contract.getId());
    }

    private void payDeposit(ProcessInstance contract) {
        complete(contract, "Task_CollectDeposit", TestUsers.ACCOUNTING, "accounting",
                Map.of("paymentAmount", "864,00", "paymentDate", today().toString(), "paymentReference", "VIR-" + UUID.randomUUID()));
        runJobs(contract.getId());
    }

    private void deliver(ProcessInstance contract) {
        fire(contract, "Timer_ConvocationDue");
        fire(contract, "Timer_TrainingStarts");
        complete(contract, "Task_RecordAttendance", TestUsers.COORDINATION, "coordination", Map.of());
        runJobs(contract.getId());
    }

    private String number(ProcessInstance contract) {
        return (String) engine.getRuntimeService().getVariable(contract.getId(), "contractNumber");
    }

    void complete(ProcessInstance instance, String key, String user, String group, Map<String, Object> values) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new IllegalStateException("No task " + key + " in " + instance.getId());
        }
        asUser(user, group, () -> {
            engine.getTaskService().claim(task.getId(), user);
            engine.getFormService().submitTaskForm(task.getId(), values);
            return null;
        });
    }

    void fire(ProcessInstance instance, String activityId) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .timers().singleResult();
        if (timer == null) {
            throw new IllegalStateException("No timer " + activityId + " in " + instance.getId());
        }
        engine.getManagementService().executeJob(timer.getId());
        runJobs(instance.getId());
    }

    /** Executes the instance's due jobs (its asynchronous steps) until none is left. */
    void runJobs(String processInstanceId) {
        for (int guard = 0; guard < 200; guard++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                engine.getManagementService().executeJob(job.getId());
            }
        }
        throw new IllegalStateException("Jobs keep coming for " + processInstanceId);
    }

    <T> T asUser(String user, String group, Supplier<T> work) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            return work.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    String definition(String key) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().getId();
    }

    static LocalDate today() {
        return LocalDate.now(PARIS);
    }
}
