package fr.lexom.contracts.support;

import static org.assertj.core.api.Assertions.assertThat;
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
    @Autowired
    protected fr.lexom.contracts.contract.ContractService contractService;
    @Autowired
    protected fr.lexom.contracts.delivery.HalfDays halfDays;
    @Autowired
    protected fr.lexom.contracts.delivery.AttendanceSignatures signatures;

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
        fireTimerAlone(instance, activityId);
        executeDueJobs(instance);
    }

    /** Fires the timer waiting at {@code activityId}, leaving the jobs it makes (async continuations) unrun. */
    protected void fireTimerAlone(ProcessInstance instance, String activityId) {
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

    /**
     * Convocations, start, the end of online signing, hot evaluation, attendance (coordination ticks every half-day
     * present: nobody signed online here), certificates, invoices.
     */
    protected void deliver(ProcessInstance instance) {
        toAttendanceTask(instance);
        enterAttendance(instance, true);
        executeDueJobs(instance);
    }

    /**
     * Like {@link #deliver}, but every participant signs every half-day online (E1, issue 23) and coordination
     * submits the checklist as it opens, pre-filled from the signatures.
     */
    protected void deliverSigned(ProcessInstance instance) {
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        signEveryHalfDay(instance, null, null);
        fireTimer(instance, "Timer_SigningClosed");
        enterAttendance(instance, false);
        executeDueJobs(instance);
    }

    /**
     * Coordination claims and completes « Enregistrer l'émargement »: every half-day ticked present if
     * {@code everyonePresent}, else the checklist as pre-filled from the signatures.
     */
    protected void enterAttendance(ProcessInstance instance, boolean everyonePresent) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_RecordAttendance").singleResult();
        engine.getIdentityService().setAuthentication(TestUsers.COORDINATION, List.of("coordination"));
        try {
            engine.getTaskService().claim(task.getId(), TestUsers.COORDINATION);
            engine.getFormService().submitTaskForm(task.getId(), everyonePresent ? Map.of("presentSlots", everySlot(task)) : Map.of());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Convocations, the start, the end of online signing (E1): coordination's « Enregistrer l'émargement » is open. */
    protected void toAttendanceTask(ProcessInstance instance) {
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        fireTimer(instance, "Timer_SigningClosed");
    }

    /**
     * E1 (issue 23): every participant of the contract signs every half-day online, ten minutes after it starts (the
     * engine clock moves forward to each), except {@code lastName}'s {@code half} of the last day.
     */
    protected void signEveryHalfDay(ProcessInstance instance, String lastName, String half) {
        var contract = contractService.find(contractNumber(instance));
        var participants = contractService.participants(contract.number());
        for (var halfDay : halfDays.between(contract.startsOn(), contract.endsOn())) {
            java.time.Instant at = halfDay.start().plus(java.time.Duration.ofMinutes(10));
            if (at.isAfter(ClockUtil.now().toInstant())) {
                ClockUtil.setCurrentTime(Date.from(at));
            }
            for (var participant : participants) {
                boolean skipped = participant.lastName().equals(lastName) && halfDay.half().equals(half)
                        && halfDay.day().equals(contract.endsOn());
                if (!skipped) {
                    assertThat(signatures.sign(participant.id(), halfDay.day(), halfDay.half(),
                            new fr.lexom.contracts.delivery.AttendanceSignatures.Evidence("test", "127.0.0.1", "JUnit"), at).outcome())
                            .isEqualTo(fr.lexom.contracts.delivery.AttendanceSignatures.Outcome.SIGNED);
                }
            }
        }
    }

    /** Every half-day of the attendance task's checklist, as a ticked list the form would submit. */
    @SuppressWarnings("unchecked")
    protected org.camunda.bpm.engine.variable.value.ObjectValue everySlot(Task task) {
        List<Map<String, String>> slots = (List<Map<String, String>>) engine.getTaskService().getVariable(task.getId(), "attendanceSlots");
        return org.camunda.bpm.engine.variable.Variables.objectValue(slots.stream().map(s -> s.get("value")).toList())
                .serializationDataFormat("application/json").create();
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
