package fr.lexom.contracts.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Base of the process tests: starts contracts as staff do, moves the engine clock, executes jobs. */
public abstract class ProcessTestSupport {

    protected static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected TestUsers users;
    @Autowired
    protected PaymentService payments;
    @Autowired
    protected TransactionTemplate transaction;

    @BeforeEach
    void initEngine() {
        init(engine);
        users.ensureAll();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        engine.getIdentityService().clearAuthentication();
    }

    /** Today in Paris, on the engine's clock. */
    protected LocalDate today() {
        return ClockUtil.now().toInstant().atZone(PARIS).toLocalDate();
    }

    /** Submits the "Nouveau devis" start form as a sales user, as Tasklist does. */
    protected ProcessInstance startQuote(Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(TestUsers.SALES, List.of("sales"));
        try {
            String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey("training-contract").latestVersion().singleResult().getId();
            return engine.getFormService().submitStartForm(definitionId, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Completes the user task of the instance as a member of the group, with the form's values. */
    protected void completeTask(ProcessInstance instance, String taskKey, String userId, String group,
                                Map<String, Object> values) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(taskKey).singleResult();
        engine.getIdentityService().setAuthentication(userId, List.of(group));
        try {
            engine.getTaskService().claim(task.getId(), userId);
            engine.getFormService().submitTaskForm(task.getId(), values);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Executes every job of the instance that is due now (async continuations), until none is left. */
    protected void executeDueJobs(ProcessInstance instance) {
        for (int guard = 0; guard < 50; guard++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new IllegalStateException("Jobs keep coming for " + instance.getId() + ": "
                + engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()
                .stream().map(j -> j.getId() + " " + j.getDuedate() + " retries=" + j.getRetries() + " " + j.getExceptionMessage()).toList()
                + " now=" + ClockUtil.now());
    }

    /** Moves the engine clock to the timer's due date and executes the timer job (never by sleeping). */
    protected void fireTimer(ProcessInstance instance, String activityId) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).timers().singleResult();
        if (timer == null) {
            throw new AssertionError("No timer waiting at " + activityId);
        }
        Date due = timer.getDuedate();
        if (due.after(ClockUtil.now())) {
            ClockUtil.setCurrentTime(due);
        }
        engine.getManagementService().executeJob(timer.getId());
        executeDueJobs(instance);
    }

    /** Starts a quote and records its acceptance as sales would; returns the instance. */
    protected ProcessInstance acceptedContract(Map<String, Object> form, Map<String, Object> signature) {
        ProcessInstance instance = startQuote(form);
        executeDueJobs(instance);
        Map<String, Object> values = new java.util.HashMap<>(signature);
        values.putIfAbsent("signedOn", today().toString());
        completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales", values);
        executeDueJobs(instance);
        return instance;
    }

    protected ProcessInstance acceptedContract(Map<String, Object> form) {
        Object edition = form.get("cgvEdition");
        return acceptedContract(form, "CGV_LEGACY".equals(edition)
                ? Map.of("acceptanceMark", true, "cgvSigned", true)
                : Map.of("acceptanceDocument", "SIGNED_QUOTE"));
    }

    /** Accounting enters a payment in an "Encaisser ..." task. */
    protected void payInTask(ProcessInstance instance, String taskKey, String amount, String reference) {
        completeTask(instance, taskKey, TestUsers.ACCOUNTING, "accounting",
                Map.of("paymentAmount", amount, "paymentDate", today().toString(), "paymentReference", reference));
        executeDueJobs(instance);
    }

    /** Convocations, start, attendance (everyone present unless told), hot evaluation, certificates, invoices. */
    protected void deliver(ProcessInstance instance) {
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_RecordAttendance").singleResult();
        engine.getIdentityService().setAuthentication(TestUsers.COORDINATION, List.of("coordination"));
        try {
            engine.getTaskService().claim(task.getId(), TestUsers.COORDINATION);
            engine.getFormService().submitTaskForm(task.getId(), Map.of());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        executeDueJobs(instance);
    }

    /** A company's contract (2 400,00 HT), signed, deposit paid, delivered: its final invoice is out and in collection. */
    protected ProcessInstance deliveredContract() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(instance);
        return instance;
    }

    /** The bank feed reports a payment of the invoice (correlated to the processes waiting for it). */
    protected void payByBank(String invoiceNumber, BigDecimal amount) {
        transaction.executeWithoutResult(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), invoiceNumber,
                null, amount, today(), "client", "BANK_FEED", "bank"), true));
    }

    protected boolean hasTimer(ProcessInstance instance, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).timers().count() > 0;
    }

    protected String contractNumber(ProcessInstance instance) {
        return (String) engine.getRuntimeService().getVariable(instance.getId(), "contractNumber");
    }

    protected String stageOf(String contractNumber) {
        return jdbc.sql("SELECT stage FROM contract WHERE number = ?").param(contractNumber).query(String.class).single();
    }

    protected List<String> lettersOf(String contractNumber) {
        return jdbc.sql("SELECT letter FROM outbox_mail WHERE contract_number = ? ORDER BY id")
                .param(contractNumber).query(String.class).list();
    }
}
