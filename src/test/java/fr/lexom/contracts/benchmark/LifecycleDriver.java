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
 * jobs, asynchronous steps executed by the calling thread (the job executor is off in the test profile): a company's
 * quote, its signature, the deposit, the convocation and start timers, attendance, the final invoice and its
 * collection, the balance paid by the bank, the cold-evaluation timer. {@link LifecycleBenchmark} times it (through
 * a {@link Probe}) and drives its skeleton with the same steps; {@link HistoryBenchmark} makes the lifecycles it
 * clones and the running contracts its Tasklist filters show.
 */
final class LifecycleDriver {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** What a benchmark measures while the driver works; every method optional. */
    interface Probe {
        Probe NONE = new Probe() {
        };

        default void taskCompleted(long millis) {
        }

        default void paymentCorrelated(long millis) {
        }

        default void jobExecuted() {
        }
    }

    /** A lifecycle driven to CLOSED: its contract, its process instance and its balance's collection. */
    record Lifecycle(String number, String contractInstanceId, String collectionInstanceId) {
    }

    /** Who completes each user task of the lifecycle, and with what (real lifecycle and skeleton alike). */
    static final Map<String, String[]> TASK_USERS = Map.of(
            "Task_RecordSignature", new String[] {TestUsers.SALES, "sales"},
            "Task_CollectDeposit", new String[] {TestUsers.ACCOUNTING, "accounting"},
            "Task_RecordAttendance", new String[] {TestUsers.COORDINATION, "coordination"});

    private final ProcessEngine engine;
    private final InvoiceService invoices;
    private final PaymentService payments;
    private final ContractService contracts;
    private final TransactionTemplate transaction;
    private final Probe probe;

    LifecycleDriver(ProcessEngine engine, InvoiceService invoices, PaymentService payments, ContractService contracts,
                    TransactionTemplate transaction) {
        this(engine, invoices, payments, contracts, transaction, Probe.NONE);
    }

    LifecycleDriver(ProcessEngine engine, InvoiceService invoices, PaymentService payments, ContractService contracts,
                    TransactionTemplate transaction, Probe probe) {
        this.engine = engine;
        this.invoices = invoices;
        this.payments = payments;
        this.contracts = contracts;
        this.transaction = transaction;
        this.probe = probe;
    }

    /** The same driver, measured by another probe. */
    LifecycleDriver with(Probe other) {
        return new LifecycleDriver(engine, invoices, payments, contracts, transaction, other);
    }

    static Map<String, Object> taskValues(String taskId) {
        return switch (taskId) {
            case "Task_RecordSignature" -> Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE");
            case "Task_CollectDeposit" -> Map.of("paymentAmount", "864,00", "paymentDate", today().toString(),
                    "paymentReference", "VIR-" + UUID.randomUUID());
            case "Task_RecordAttendance" -> Map.of();
            default -> throw new IllegalArgumentException("No values for " + taskId);
        };
    }

    /** A company's contract from the quote to CLOSED: signed, deposit paid, delivered, balance paid by the bank. */
    Lifecycle closedContract() {
        ProcessInstance contract = quote();
        String number = number(contract);
        sign(contract);
        payDeposit(contract);
        deliver(contract);
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance collection = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("invoice-collection").processInstanceBusinessKey(balance.number()).singleResult();
        runJobs(collection.getId());
        long start = System.nanoTime();
        transaction.executeWithoutResult(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), balance.number(),
                null, balance.gross(), today(), "client", "BANK_FEED", "bank"), true));
        probe.paymentCorrelated((System.nanoTime() - start) / 1_000_000);
        runJobs(collection.getId());
        runJobs(contract.getId());
        fire(contract, "Timer_ColdEvaluation");
        String stage = contracts.find(number).stage().name();
        if (!"CLOSED".equals(stage) || engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(contract.getId()).count() > 0) {
            throw new IllegalStateException("Lifecycle of " + number + " did not end CLOSED: " + stage);
        }
        return new Lifecycle(number, contract.getId(), collection.getId());
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
            fire(contract, "Timer_SigningClosed");
        }
        return number(contract);
    }

    /** Nouveau devis, submitted by sales: the quote made and sent. */
    ProcessInstance quote() {
        ProcessInstance contract = asUser(TestUsers.SALES, "sales", () -> engine.getFormService().submitStartForm(
                definition("training-contract"), QuoteForms.company(today().plusMonths(2))));
        runJobs(contract.getId());
        return contract;
    }

    void sign(ProcessInstance contract) {
        completeAs(contract, "Task_RecordSignature");
        runJobs(contract.getId());
    }

    private void payDeposit(ProcessInstance contract) {
        completeAs(contract, "Task_CollectDeposit");
        runJobs(contract.getId());
    }

    private void deliver(ProcessInstance contract) {
        fire(contract, "Timer_ConvocationDue");
        fire(contract, "Timer_TrainingStarts");
        fire(contract, "Timer_SigningClosed");
        completeAs(contract, "Task_RecordAttendance");
        runJobs(contract.getId());
    }

    String number(ProcessInstance contract) {
        return (String) engine.getRuntimeService().getVariable(contract.getId(), "contractNumber");
    }

    /** Completes the task as the user of {@link #TASK_USERS}, with {@link #taskValues}. */
    void completeAs(ProcessInstance instance, String key) {
        String[] who = TASK_USERS.get(key);
        complete(instance, key, who[0], who[1], taskValues(key));
    }

    /** Claims and completes the task through its form; the time it takes goes to the probe. */
    void complete(ProcessInstance instance, String key, String user, String group, Map<String, Object> values) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new IllegalStateException("No task " + key + " in " + instance.getId());
        }
        long start = System.nanoTime();
        asUser(user, group, () -> {
            engine.getTaskService().claim(task.getId(), user);
            engine.getFormService().submitTaskForm(task.getId(), values);
            return null;
        });
        probe.taskCompleted((System.nanoTime() - start) / 1_000_000);
    }

    /** Executes the instance's timer at {@code activityId}, then the jobs that follow. */
    void fire(ProcessInstance instance, String activityId) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .timers().singleResult();
        if (timer == null) {
            throw new IllegalStateException("No timer " + activityId + " in " + instance.getId());
        }
        engine.getManagementService().executeJob(timer.getId());
        runJobs(instance.getId());
    }

    /** Executes the instance's due jobs (its asynchronous steps) until none is left; each one goes to the probe. */
    void runJobs(String processInstanceId) {
        for (int guard = 0; guard < 200; guard++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                engine.getManagementService().executeJob(job.getId());
                probe.jobExecuted();
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
