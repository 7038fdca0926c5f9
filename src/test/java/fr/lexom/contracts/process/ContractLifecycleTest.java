package fr.lexom.contracts.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.billing.PaymentReport;
import fr.lexom.contracts.billing.PaymentService;
import fr.lexom.contracts.contract.ContractService;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** training-contract after acceptance: W, D, P, O and E of the rulebook, every path and timer. */
@IntegrationTest
class ContractLifecycleTest extends ProcessTestSupport {

    @Autowired
    InvoiceService invoices;
    @Autowired
    PaymentService payments;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ContractService contracts;

    @Test
    void companyContractRunsFromDepositToClosure_D1_E1_P1() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        assertThat(instance).isWaitingAt("Task_CollectDeposit");
        Invoice deposit = invoice(number, InvoiceKind.DEPOSIT);
        assertThat(deposit.gross()).isEqualByComparingTo("864.00"); // D1: 30 % of 2 880.00
        assertThat(deposit.net().add(deposit.vat())).isEqualByComparingTo(deposit.gross());
        assertThat(deposit.dueOn()).isEqualTo(deposit.issuedOn()); // P1: due on receipt

        // an instance started before the stage's code was dropped from the process still has it: the next stage removes it
        engine.getRuntimeService().setVariable(instance.getId(), "stage", "AWAITING_DEPOSIT");
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        assertThat(instance).hasPassed("Gateway_PaymentSettled", "Task_MarkScheduled").isWaitingAt("Timer_ConvocationDue");
        assertThat(stageOf(number)).isEqualTo("SCHEDULED");
        // the stage Cockpit and the task cards show follows the contract, in French; its code is the contract row's only
        assertThat(instance).variables().containsEntry("stageLabel", "Programmée").doesNotContainKey("stage");

        deliver(instance);
        assertThat(instance).hasPassed("Task_SendConvocations", "Task_ApplyAttendance", "Task_SendHotEvaluation",
                "Task_IssueCertificates", "Task_IssueFinalInvoices", "Task_SendInvoices", "Task_HandOverToCollection");
        assertThat(instance).isWaitingAt("ReceiveTask_InvoicesSettled", "Timer_ColdEvaluation");
        assertThat(stageOf(number)).isEqualTo("IN_COLLECTION");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attendance a JOIN participant p ON p.id = a.participant_id "
                + "JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND a.present").param(number)
                .query(Long.class).single()).isEqualTo(8L); // 2 participants x 2 days x 2 half-days
        // E1: a half-day recorded again takes the new answer and stays one row
        Map.Entry<Long, LocalDate> slot = jdbc.sql("""
                SELECT a.participant_id, a.session_day FROM attendance a JOIN participant p ON p.id = a.participant_id
                JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND a.half_day = 'AM'
                ORDER BY a.participant_id, a.session_day""").param(number)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDate.class))).list().get(0);
        transaction.executeWithoutResult(s -> contracts.recordAttendance(slot.getKey(), slot.getValue(), "AM", false, false,
                TestUsers.COORDINATION));
        assertThat(jdbc.sql("SELECT present, recorded_by FROM attendance WHERE participant_id = ? AND session_day = ? "
                + "AND half_day = 'AM'").params(slot.getKey(), slot.getValue())
                .query((rs, n) -> rs.getBoolean(1) + "/" + rs.getString(2)).list())
                .containsExactly("false/" + TestUsers.COORDINATION);

        Invoice balance = invoice(number, InvoiceKind.BALANCE);
        assertThat(balance.gross()).isEqualByComparingTo("2016.00");
        assertThat(deposit.gross().add(balance.gross())).isEqualByComparingTo("2880.00");
        assertThat(balanceLines(balance)).containsExactly("P1", "D1");

        pay(balance.number(), balance.gross());
        assertThat(instance).hasPassed("Task_CloseContract").isWaitingAt("Timer_ColdEvaluation");
        assertThat(stageOf(number)).isEqualTo("CLOSED");

        fireTimer(instance, "Timer_ColdEvaluation");
        assertThat(instance).isEnded().hasPassed("Task_SendColdEvaluation", "EndEvent_ContractClosed");
        assertThat(lettersOf(number)).contains("deposit-request", "convocation", "hot-evaluation",
                "completion-certificate", "invoice", "cold-evaluation");
        assertThat(lettersOf(number).stream().filter("convocation"::equals)).hasSize(2);
    }

    @Test
    void individualWithdrawsWithinFourteenDaysAndOwesNothing_W1_W3() {
        ProcessInstance instance = acceptedContract(QuoteForms.individual(today().plusMonths(2)));
        String number = contractNumber(instance);
        assertThat(instance).isWaitingAt("Task_RecordWithdrawal");
        assertThat(stageOf(number)).isEqualTo("WITHDRAWAL_PERIOD");
        assertThat(invoices.ofContract(number)).isEmpty(); // W2: nothing is asked during the period

        assertThatThrownBy(() -> completeTask(instance, "Task_RecordWithdrawal", TestUsers.SALES, "sales",
                Map.of("withdrawalReceivedOn", today().plusDays(1).toString())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("futur");

        completeTask(instance, "Task_RecordWithdrawal", TestUsers.SALES, "sales",
                Map.of("withdrawalReceivedOn", today().toString()));
        executeDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("Task_CloseWithdrawnContract", "EndEvent_Withdrawn");
        assertThat(stageOf(number)).isEqualTo("WITHDRAWN");
        assertThat(lettersOf(number)).endsWith("withdrawal-confirmation");
        assertThat(invoices.ofContract(number)).isEmpty();
    }

    @Test
    void depositIsAskedOnlyOnceTheWithdrawalPeriodIsOver_W2() {
        ProcessInstance instance = acceptedContract(QuoteForms.individual(today().plusMonths(2)));
        String number = contractNumber(instance);

        fireTimer(instance, "Timer_WithdrawalPeriod");
        assertThat(instance).hasPassed("Task_IssueDepositInvoice").isWaitingAt("Task_CollectDeposit");
        assertThat(invoice(number, InvoiceKind.DEPOSIT).issuedOn()).isAfter(today().minusDays(1).minusDays(14));
        assertThat(invoice(number, InvoiceKind.DEPOSIT).gross()).isEqualByComparingTo("428.40"); // 30 % of 1 428.00
    }

    @Test
    void anIndividualWhoAskedToStartEarlyHasNoWithdrawalPeriod_W1_2025() {
        ProcessInstance instance = acceptedContract(QuoteForms.individual(today().plusMonths(2)),
                Map.of("acceptanceDocument", "SIGNED_QUOTE", "earlyStartWaiver", true));
        assertThat(instance).hasNotPassed("Task_RecordWithdrawal").isWaitingAt("Task_CollectDeposit");
    }

    @Test
    void depositPaidThroughTheBankEndsTheTaskByMessage_D1() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        Invoice deposit = invoice(contractNumber(instance), InvoiceKind.DEPOSIT);
        pay(deposit.number(), deposit.gross());
        assertThat(instance).hasPassed("Boundary_DepositPaid").isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void partialDepositKeepsTheTaskOpenForTheRest_D1() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(instance, "Task_CollectDeposit", "400,00", "VIR-" + UUID.randomUUID());
        assertThat(instance).isWaitingAt("Task_CollectDeposit");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "outstandingAmount")).isEqualTo("464.00");
        payInTask(instance, "Task_CollectDeposit", "464,00", "VIR-" + UUID.randomUUID());
        assertThat(instance).isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void anOverPaymentSettlesTheInvoiceAndRecordsTheExcessToRefund() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        Invoice deposit = invoice(number, InvoiceKind.DEPOSIT);
        var result = transaction.execute(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), deposit.number(),
                null, new BigDecimal("900.00"), today(), "client", "BANK_FEED", "bank"), true));
        assertThat(result.excess()).isEqualByComparingTo("36.00");
        assertThat(result.invoice().status()).isEqualTo("PAID");
        assertThat(instance).isWaitingAt("Timer_ConvocationDue");
        assertThat(jdbc.sql("SELECT detail FROM contract_event e JOIN contract c ON c.id = e.contract_id WHERE c.number = ? AND e.kind = 'OVERPAYMENT'")
                .param(number).query(String.class).single()).contains("36.00");
    }

    @Test
    void theSameBankReferenceIsRecordedOnce() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String reference = "VIR-" + UUID.randomUUID();
        payInTask(instance, "Task_CollectDeposit", "400,00", reference);
        payInTask(instance, "Task_CollectDeposit", "400,00", reference);
        assertThat(invoice(contractNumber(instance), InvoiceKind.DEPOSIT).paid()).isEqualByComparingTo("400.00");
    }

    @Test
    void aReminderGoesOutAWeekAfterTheRequestAndAfterEachPartialPayment_D2() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        fireTimer(instance, "Timer_DepositReminder");
        assertThat(instance).isWaitingAt("Task_CollectDeposit");
        assertThat(hasTimer(instance, "Timer_DepositReminder")).isFalse();
        payInTask(instance, "Task_CollectDeposit", "100,00", "VIR-" + UUID.randomUUID());
        fireTimer(instance, "Timer_DepositReminder");
        assertThat(lettersOf(contractNumber(instance)).stream().filter("deposit-reminder"::equals)).hasSize(2);
    }

    @Test
    void unpaidDepositUnder2025ManagerLetsTheTrainingProceed_D2_2025() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        fireTimer(instance, "Timer_DepositDeadline");
        assertThat(instance).isWaitingAt("Task_DecideUnpaidDeposit");
        decide(instance, "PROCEED");
        assertThat(instance).hasNotPassed("Task_RescheduleSession").isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void unpaidDepositManagerPostponesAndCoordinationPicksNewDates_D2() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_DepositDeadline");
        decide(instance, "POSTPONE");
        assertThat(instance).isWaitingAt("Task_RescheduleSession");
        completeTask(instance, "Task_RescheduleSession", TestUsers.COORDINATION, "coordination",
                Map.of("newStartDate", today().plusMonths(4).toString(), "newEndDate", today().plusMonths(4).plusDays(1).toString()));
        executeDueJobs(instance);
        assertThat(instance).hasPassed("Task_ApplyNewDates", "Gateway_DepositPaidAfterReschedule").isWaitingAt("Task_CollectDeposit");
        assertThat(jdbc.sql("SELECT starts_on FROM contract WHERE number = ?").param(number).query(java.time.LocalDate.class)
                .single()).isEqualTo(today().plusMonths(4));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        assertThat(instance).isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void aDepositPaidBeforeTheManagersDecideEndsTheDecision_D2() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_DepositDeadline");
        assertThat(instance).isWaitingAt("Task_DecideUnpaidDeposit");
        pay(invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow().number(), new BigDecimal("864.00"));
        executeDueJobs(instance);
        assertThat(instance).hasPassed("Boundary_DepositPaidBeforeDecision", "Gateway_PaymentSettled")
                .hasNotPassed("Task_ApplyDepositDecision").isWaitingAt("Timer_ConvocationDue");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
                .as("nothing left for the managers to decide").isZero();
    }

    @Test
    void unpaidDepositManagerSuspendsUntilPaidThenReschedules_D2() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_DepositDeadline");
        decide(instance, "SUSPEND");
        assertThat(instance).isWaitingAt("ReceiveTask_DepositWhileSuspended");
        assertThat(lettersOf(number)).endsWith("deposit-suspended");

        Invoice deposit = invoice(number, InvoiceKind.DEPOSIT);
        pay(deposit.number(), deposit.gross());
        assertThat(instance).isWaitingAt("Task_RescheduleSession");
        completeTask(instance, "Task_RescheduleSession", TestUsers.COORDINATION, "coordination",
                Map.of("newStartDate", today().plusMonths(3).toString(), "newEndDate", today().plusMonths(3).plusDays(1).toString()));
        executeDueJobs(instance);
        assertThat(instance).hasPassed("Task_ApplyNewDates", "Gateway_PaymentSettled").isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void legacyContractWithoutDepositIsCancelledNotContinued_D2_LEGACY() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("cgvEdition", "CGV_LEGACY");
        ProcessInstance instance = acceptedContract(form);
        String number = contractNumber(instance);
        fireTimer(instance, "Timer_DepositDeadline");

        assertThatThrownBy(() -> decide(instance, "PROCEED"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("D2-LEGACY");
        decide(instance, "CANCEL");
        assertThat(instance).isEnded().hasPassed("Task_CancelForUnpaidDeposit", "EndEvent_CancelledUnpaidDeposit");
        assertThat(stageOf(number)).isEqualTo("CANCELLED");
        assertThat(lettersOf(number)).endsWith("contract-cancelled");
    }

    @Test
    void under2025AnUnpaidDepositCannotCancelTheOrder_D2_2025() {
        ProcessInstance instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        fireTimer(instance, "Timer_DepositDeadline");
        assertThatThrownBy(() -> decide(instance, "CANCEL")).hasMessageContaining("D2-2025");
        assertThat(instance).isWaitingAt("Task_DecideUnpaidDeposit");
    }

    @Test
    void foreignClientPrepaysTheWholePriceAndGetsNoFurtherInvoice_P2_2025() {
        ProcessInstance instance = acceptedContract(foreign());
        String number = contractNumber(instance);
        assertThat(instance).hasPassed("Task_IssuePrepaymentInvoice").isWaitingAt("Task_CollectPrepayment");
        Invoice prepayment = invoice(number, InvoiceKind.BALANCE);
        assertThat(prepayment.gross()).isEqualByComparingTo("2880.00");
        assertThat(invoices.existing(number, InvoiceKind.DEPOSIT)).isEmpty();

        payInTask(instance, "Task_CollectPrepayment", "2 880,00", "SWIFT-" + UUID.randomUUID());
        assertThat(instance).hasPassed("Task_RecordPrepayment", "Gateway_PaymentSettled").isWaitingAt("Timer_ConvocationDue");
        deliver(instance);
        assertThat(instance).hasNotPassed("ReceiveTask_InvoicesSettled").hasPassed("Task_CloseContract");
        assertThat(invoices.ofContract(number)).hasSize(1);
        assertThat(stageOf(number)).isEqualTo("CLOSED");
    }

    @Test
    void foreignClientPaymentReportedByTheBankEndsTheTask_P2_2025() {
        ProcessInstance instance = acceptedContract(foreign());
        Invoice prepayment = invoice(contractNumber(instance), InvoiceKind.BALANCE);
        pay(prepayment.number(), new BigDecimal("1000.00"));
        assertThat(instance).isWaitingAt("Task_CollectPrepayment");
        pay(prepayment.number(), new BigDecimal("1880.00"));
        assertThat(instance).hasPassed("Boundary_PrepaymentReceived").isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void foreignClientUnpaidOneMonthBeforeTheStart_ManagerCancels_P2_2025() {
        ProcessInstance instance = acceptedContract(foreign());
        String number = contractNumber(instance);
        payInTask(instance, "Task_CollectPrepayment", "100,00", "SWIFT-" + UUID.randomUUID());
        assertThat(instance).hasPassed("Task_RecordPrepayment", "Gateway_PrepaymentMerge").isWaitingAt("Task_CollectPrepayment");
        fireTimer(instance, "Timer_PrepaymentDeadline");
        completeTask(instance, "Task_DecidePrepayment", TestUsers.MANAGER, "managers", Map.of("prepaymentDecision", "CANCEL"));
        executeDueJobs(instance);
        assertThat(instance).isEnded().hasPassed("EndEvent_CancelledNoPrepayment");
        assertThat(stageOf(number)).isEqualTo("CANCELLED");
    }

    @Test
    void foreignClientUnpaidOneMonthBeforeTheStart_ManagerKeepsTheTraining_P2_2025() {
        ProcessInstance instance = acceptedContract(foreign());
        fireTimer(instance, "Timer_PrepaymentDeadline");
        completeTask(instance, "Task_DecidePrepayment", TestUsers.MANAGER, "managers", Map.of("prepaymentDecision", "KEEP"));
        executeDueJobs(instance);
        assertThat(instance).hasNotPassed("Task_CancelForMissingPrepayment").isWaitingAt("Timer_ConvocationDue");
    }

    @Test
    void partialFundingSplitsTheInvoicesAndTheFunderPays_O2_O3() {
        ProcessInstance instance = acceptedContract(funded("OPCO-AKTO"));
        String number = contractNumber(instance);
        assertThat(instance).isWaitingAt("Task_CollectDeposit", "Task_RecordFundingDecision");
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales",
                Map.of("fundingDecision", "GRANTED", "grantedAmount", "1 500,00", "agreementReference", "AKTO-2026-123"));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(instance);

        Invoice share = invoice(number, InvoiceKind.FUNDER_SHARE);
        Invoice balance = invoice(number, InvoiceKind.BALANCE);
        assertThat(share.gross()).isEqualByComparingTo("1500.00");
        assertThat(share.billedToFunder()).isTrue();
        assertThat(balance.gross()).isEqualByComparingTo("516.00"); // 2 880 - 864 - 1 500 (O3)
        assertThat(balanceLines(balance)).containsExactly("P1", "D1", "O3");
        assertThat(instance).isWaitingAt("Gateway_FunderPaymentOrDeadline", "ReceiveTask_InvoicesSettled", "Timer_ColdEvaluation");

        pay(share.number(), share.gross());
        assertThat(instance).hasPassed("Event_FunderPaid").isWaitingAt("ReceiveTask_InvoicesSettled");
        pay(balance.number(), balance.gross());
        assertThat(stageOf(number)).isEqualTo("CLOSED");
    }

    @Test
    void funderUnpaidOneMonthAfterTheEndIsInvoicedToTheClient_O4() {
        ProcessInstance instance = acceptedContract(funded("OPCO-ATLAS"));
        String number = contractNumber(instance);
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales",
                Map.of("fundingDecision", "GRANTED", "grantedAmount", "2 016,00", "agreementReference", "ATLAS-77"));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(instance);
        Invoice share = invoice(number, InvoiceKind.FUNDER_SHARE);
        assertThat(invoices.existing(number, InvoiceKind.BALANCE)).isEmpty(); // the funder covers the rest

        fireTimer(instance, "Timer_FunderDeadline");
        assertThat(instance).hasPassed("Task_ReinvoiceClient", "Task_SendReinvoiceLetter");
        List<Invoice> all = invoices.ofContract(number);
        Invoice creditNote = all.stream().filter(i -> i.kind() == InvoiceKind.CREDIT_NOTE).findFirst().orElseThrow();
        assertThat(creditNote.number()).startsWith("AV-");
        assertThat(creditNote.gross()).isEqualByComparingTo(share.gross().negate());
        assertThat(invoices.find(share.number()).orElseThrow().status()).isEqualTo("CANCELLED");
        Invoice toClient = invoice(number, InvoiceKind.BALANCE);
        assertThat(toClient.gross()).isEqualByComparingTo("2016.00");
        assertThat(toClient.billedToFunder()).isFalse();
        assertThat(lettersOf(number)).contains("funder-share-reinvoiced");

        pay(toClient.number(), toClient.gross());
        assertThat(stageOf(number)).isEqualTo("CLOSED");
    }

    @Test
    void aPublicBodyHasNoWithdrawalPeriodAndPaysLikeACompany_W1_L2() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("clientKind", "PUBLIC_BODY");
        form.put("clientName", "Mairie de Privas");
        form.put("clientSiret", "21070186200014");
        ProcessInstance instance = acceptedContract(form);
        assertThat(instance).hasNotPassed("Task_RecordWithdrawal").isWaitingAt("Task_CollectDeposit");
        payInTask(instance, "Task_CollectDeposit", "864,00", "MANDAT-" + UUID.randomUUID());
        deliver(instance);
        assertThat(invoice(contractNumber(instance), InvoiceKind.BALANCE).gross()).isEqualByComparingTo("2016.00");
    }

    @Test
    void fullFundingLeavesTheClientOnlyItsDeposit_O3() {
        ProcessInstance instance = acceptedContract(funded("OPCO-SANTE"));
        String number = contractNumber(instance);
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales",
                Map.of("fundingDecision", "GRANTED", "grantedAmount", "2 880,00", "agreementReference", "SANTE-1"));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(instance);
        // the funder pays what the deposit did not cover; the client owes nothing more
        assertThat(invoice(number, InvoiceKind.FUNDER_SHARE).gross()).isEqualByComparingTo("2016.00");
        assertThat(invoices.existing(number, InvoiceKind.BALANCE)).isEmpty();
        Invoice share = invoice(number, InvoiceKind.FUNDER_SHARE);
        pay(share.number(), share.gross());
        assertThat(stageOf(number)).isEqualTo("CLOSED");
    }

    @Test
    void legacyIndividualAlwaysGetsTheFourteenDays_W1_LEGACY() {
        Map<String, Object> form = QuoteForms.individual(today().plusMonths(2));
        form.put("cgvEdition", "CGV_LEGACY");
        ProcessInstance instance = acceptedContract(form,
                Map.of("acceptanceMark", true, "cgvSigned", true, "earlyStartWaiver", true));
        assertThat(instance).isWaitingAt("Task_RecordWithdrawal");
    }

    @Test
    void aClientWithAnOverdueInvoiceWaitsForAManagersDecision_L3() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        ProcessInstance unpaid = acceptedContract(form);        // its deposit stays unpaid
        ProcessInstance next = acceptedContract(new java.util.HashMap<>(form)); // same client
        String number = contractNumber(next);
        moveClockDays(1);                                          // the first deposit is now overdue
        payInTask(next, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        assertThat(next).isWaitingAt("Task_DecideSuspension");
        assertThat(engine.getRuntimeService().getVariable(next.getId(), "overdueInvoices"))
                .isEqualTo(invoice(contractNumber(unpaid), InvoiceKind.DEPOSIT).number());
        completeTask(next, "Task_DecideSuspension", TestUsers.MANAGER, "managers", Map.of("suspensionDecision", "MAINTAIN"));
        assertThat(next).hasNotPassed("Task_SuspendForOverdue").isWaitingAt("Timer_ConvocationDue");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contract_event e JOIN contract c ON c.id = e.contract_id "
                + "WHERE c.number = ? AND e.kind = 'CLIENT_OVERDUE'").param(number).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aSuspendedTrainingResumesOnceTheClientHasPaid_L3() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        ProcessInstance unpaid = acceptedContract(form);
        ProcessInstance next = acceptedContract(new java.util.HashMap<>(form));
        moveClockDays(1);
        payInTask(next, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        completeTask(next, "Task_DecideSuspension", TestUsers.MANAGER, "managers", Map.of("suspensionDecision", "SUSPEND"));
        executeDueJobs(next);
        assertThat(next).isWaitingAt("Timer_RecheckStanding");
        assertThat(lettersOf(contractNumber(next))).contains("overdue-suspension");

        Invoice overdue = invoice(contractNumber(unpaid), InvoiceKind.DEPOSIT);
        pay(overdue.number(), overdue.gross());
        fireTimer(next, "Timer_RecheckStanding");
        assertThat(next).isWaitingAt("Timer_ConvocationDue");
    }

    private void moveClockDays(int days) {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
                org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant().plus(java.time.Duration.ofDays(days))));
    }

    @Test
    void refusedFundingTellsTheClientPositivelyThatItPays_O() {
        ProcessInstance instance = acceptedContract(funded("FAF-AGEFICE"));
        completeTask(instance, "Task_RecordFundingDecision", TestUsers.ACCOUNTING, "accounting", Map.of("fundingDecision", "REFUSED"));
        executeDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendFundingRefusedLetter");
        assertThat(lettersOf(contractNumber(instance))).contains("funding-refused");
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(instance);
        assertThat(invoice(contractNumber(instance), InvoiceKind.BALANCE).gross()).isEqualByComparingTo("2016.00");
    }

    @Test
    void noFundingAgreementByTheStartMeansTheClientPays_O1() {
        ProcessInstance instance = acceptedContract(funded("OPCO-EP"));
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        fireTimer(instance, "Timer_FundingDeadline");
        // the start date has come: convocations and the start fire with it
        assertThat(instance).hasPassed("Task_SendFundingMissingLetter", "Task_SendConvocations", "Task_StartDelivery")
                .isWaitingAt("Timer_SigningClosed");
        assertThat(lettersOf(contractNumber(instance))).contains("funding-missing");
    }

    @Test
    void grantedAmountAboveThePriceIsRefused_O3() {
        ProcessInstance instance = acceptedContract(funded("OPCO-AKTO"));
        assertThatThrownBy(() -> completeTask(instance, "Task_RecordFundingDecision", TestUsers.SALES, "sales",
                Map.of("fundingDecision", "GRANTED", "grantedAmount", "5 000,00", "agreementReference", "X")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ne peut pas dépasser");
    }

    private void decide(ProcessInstance instance, String decision) {
        completeTask(instance, "Task_DecideUnpaidDeposit", TestUsers.MANAGER, "managers", Map.of("depositDecision", decision));
        executeDueJobs(instance);
    }

    private void pay(String invoiceNumber, BigDecimal amount) {
        transaction.executeWithoutResult(s -> payments.record(new PaymentReport("BANK-" + UUID.randomUUID(), invoiceNumber,
                null, amount, today(), "client", "BANK_FEED", "bank"), true));
    }

    private Invoice invoice(String number, InvoiceKind kind) {
        return invoices.existing(number, kind).orElseThrow(() -> new AssertionError("no " + kind + " invoice"));
    }

    private List<String> balanceLines(Invoice invoice) {
        return jdbc.sql("SELECT rule_id FROM invoice_line WHERE invoice_id = ? ORDER BY position").param(invoice.id())
                .query(String.class).list();
    }

    private Map<String, Object> foreign() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(3));
        form.put("clientName", "Helvetia Services SA");
        form.put("clientCountry", "CH");
        form.remove("clientSiret");
        form.put("clientEmail", "finance-" + UUID.randomUUID() + "@helvetia-services.example");
        return form;
    }

    private Map<String, Object> funded(String funder) {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("funderCode", funder);
        return form;
    }
}
