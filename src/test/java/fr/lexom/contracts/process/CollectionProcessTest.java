package fr.lexom.contracts.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.notification.LetterFormat;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** invoice-collection: reminders with L1 interest and L2 indemnity, formal notice (R2), eight days (R1), outcomes. */
@IntegrationTest
class CollectionProcessTest extends ProcessTestSupport {

    @Autowired
    InvoiceService invoices;
    @Autowired
    CollectionStarter starter;

    @Test
    void anInvoicePaidBeforeAnyReminderClosesAsPaidAndTheContractCloses_P1() {
        Delivered d = deliveredCompanyContract();
        assertThat(d.collection).isWaitingAt("Gateway_AwaitFirstReminder");
        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).isEnded().hasPassed("Event_InvoicePaid3", "Task_ClosePaid", "EndEvent_Paid");
        assertThat(stageOf(d.number)).isEqualTo("CLOSED");
        assertThat(outcome(d.balance)).isEqualTo("PAID");
    }

    @Test
    void remindersStateTheInterestAndTheIndemnityToTheCent_L1_L2() {
        Delivered d = deliveredCompanyContract();
        fireTimer(d.collection, "Timer_FirstReminder");
        assertThat(d.collection).hasPassed("Task_SendFirstReminder").isWaitingAt("Gateway_AwaitSecondReminder");
        // 7 days late: 2 016.00 x 12.15 % x 7 / 365 = 4.6975... -> 4.70; a company owes the 40 EUR indemnity
        assertThat(lastMail(d.number, "payment-reminder-1")).contains("2\u202f016,00\u00a0€", "12,15\u00a0%", "4,70\u00a0€", "40,00\u00a0€");
        fireTimer(d.collection, "Timer_SecondReminder");
        // 15 days: 2016 x 0.1215 x 15 / 365 = 10.066... -> 10.07; total 2016 + 10.07 + 40 = 2066.07
        assertThat(lastMail(d.number, "payment-reminder-2")).contains("10,07\u00a0€", "2\u202f066,07\u00a0€");
        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).isEnded().hasPassed("Event_InvoicePaid9");
    }

    @Test
    void aPaymentAfterTheFirstReminderStopsTheSecond() {
        Delivered d = deliveredCompanyContract();
        fireTimer(d.collection, "Timer_FirstReminder");
        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).isEnded().hasPassed("Event_InvoicePaid6").hasNotPassed("Task_SendSecondReminder");
    }

    @Test
    void anInvoiceAlreadyPaidWhenHandedOverIsClosedAtOnce() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        payInTask(contract, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        Invoice deposit = invoices.existing(contractNumber(contract), InvoiceKind.DEPOSIT).orElseThrow();
        starter.start(deposit.number());
        // nothing to wait for: the case ends in the same transaction, PAID
        List<String> passed = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(engine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processDefinitionKey("invoice-collection").processInstanceBusinessKey(deposit.number()).singleResult().getId())
                .list().stream().map(a -> a.getActivityId()).toList();
        assertThat(passed).contains("Gateway_AlreadyPaid", "Task_ClosePaid", "EndEvent_Paid").doesNotContain("Gateway_AwaitFirstReminder");
        assertThat(outcome(deposit)).isEqualTo("PAID");
    }

    @Test
    void unansweredFormalNoticeLeadsToResolutionByRegisteredLetter_R1_R2() {
        Delivered d = deliveredCompanyContract();
        toFormalNotice(d);
        String notice = lastMail(d.number, "formal-notice");
        assertThat(notice).contains("article 4.7", "huit jours", "résolution du contrat", "40,00\u00a0€")
                .doesNotContain("médiateur");
        assertThat(d.collection).isWaitingAt("Task_FollowFormalNotice");

        fireTimer(d.collection, "Timer_FormalNoticeExpired");
        assertThat(d.collection).isWaitingAt("Task_DecideResolution");
        completeTask(d.collection, "Task_DecideResolution", TestUsers.MANAGER, "managers", Map.of("resolutionDecision", "RESOLVE"));
        executeDueJobs(d.collection);
        assertThat(lastMail(d.number, "resolution-letter")).contains("résolution du contrat " + d.number);
        completeTask(d.collection, "Task_SendResolutionLetter", TestUsers.ACCOUNTING, "accounting",
                Map.of("trackingNumber", "1A 123 456 7890 1"));
        assertThat(d.collection).isEnded().hasPassed("Task_CloseResolved", "EndEvent_Resolved");
        assertThat(outcome(d.balance)).isEqualTo("RESOLVED");
        assertThat(stageOf(d.number)).isEqualTo("RESOLVED");
        assertThat(d.contract).isEnded().hasPassed("Boundary_ContractResolved", "EndEvent_ContractResolved");
    }

    /**
     * A payment recorded while a letter's job waits for the job executor finds no « Facture réglée » event (the case
     * waits at none then): the letter sees the invoice settled, is not sent, and the case closes paid.
     */
    @Test
    void aPaymentRecordedWhileAReminderWaitsToLeaveStopsTheReminder_L1() {
        Delivered d = deliveredCompanyContract();
        fireTimerAlone(d.collection, "Timer_FirstReminder"); // the reminder's own job is not run yet
        assertThat(d.collection).isWaitingAt("Task_SendFirstReminder");
        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).as("nothing waited for the payment").isWaitingAt("Task_SendFirstReminder");

        executeDueJobs(d.collection);
        assertThat(d.collection).isEnded().hasPassed("StartEvent_SettledBeforeLetter", "Task_CloseSettled", "EndEvent_Settled")
                .hasNotPassed("Gateway_AwaitSecondReminder");
        assertThat(mails(d.number, "payment-reminder-1")).as("no reminder of a paid invoice").isZero();
        assertThat(outcome(d.balance)).isEqualTo("PAID");
        assertThat(stageOf(d.number)).isEqualTo("CLOSED");
    }

    @Test
    void aPaymentRecordedWhileTheFormalNoticeWaitsToLeaveStopsIt_R1() {
        Delivered d = deliveredCompanyContract();
        prepareFormalNotice(d);
        assertThat(d.collection).isWaitingAt("Task_SendFormalNotice");
        payByBank(d.balance.number(), d.balance.gross());

        executeDueJobs(d.collection);
        assertThat(d.collection).isEnded().hasPassed("Task_CloseSettled", "EndEvent_Settled").hasNotPassed("Task_FollowFormalNotice");
        assertThat(mails(d.number, "formal-notice")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind = 'FORMAL_NOTICE'")
                .param(d.number).query(Long.class).single()).isZero();
        assertThat(outcome(d.balance)).isEqualTo("PAID");
    }

    private long mails(String contractNumber, String letter) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE contract_number = ? AND letter = ?")
                .params(contractNumber, letter).query(Long.class).single();
    }

    /**
     * Found by LifecycleInvariantsTest: the managers decided to resolve (R1), the letter was written, and the client
     * paid before accounting sent it by registered post; the contract was then CLOSED with that task still open.
     */
    @Test
    void aPaymentBeforeTheRegisteredResolutionLetterClosesTheInvoicePaid_R1() {
        Delivered d = deliveredCompanyContract();
        toFormalNotice(d);
        fireTimer(d.collection, "Timer_FormalNoticeExpired");
        completeTask(d.collection, "Task_DecideResolution", TestUsers.MANAGER, "managers", Map.of("resolutionDecision", "RESOLVE"));
        executeDueJobs(d.collection);
        assertThat(d.collection).isWaitingAt("Task_SendResolutionLetter");

        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).isEnded().hasPassed("Boundary_PaidBeforeResolutionSent", "Task_ClosePaid", "EndEvent_Paid")
                .hasNotPassed("Task_CloseResolved");
        assertThat(outcome(d.balance)).isEqualTo("PAID");
        assertThat(stageOf(d.number)).isEqualTo("CLOSED");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(d.balance.number()).count()).isZero();
    }

    /**
     * Found by LifecycleInvariantsTest (shrunk to a contract and no event): the deposit and the balance are both in
     * collection; the contract is resolved on the first: the second's dunning must stop, not go on to a formal notice
     * of a contract already resolved.
     */
    @Test
    void resolvingTheContractOnOneInvoiceStopsTheCollectionOfTheOthers_R1() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(contract);
        fireTimer(contract, "Timer_DepositDeadline"); // D2: the deposit still unpaid near the start
        completeTask(contract, "Task_DecideUnpaidDeposit", TestUsers.MANAGER, "managers", Map.of("depositDecision", "PROCEED"));
        executeDueJobs(contract);
        deliver(contract);
        Invoice deposit = invoices.existing(number, InvoiceKind.DEPOSIT).orElseThrow();
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance first = collectionOf(deposit.number());
        ProcessInstance second = collectionOf(balance.number());
        assertThat(first).as("the unpaid deposit is collected too").isNotNull();
        executeDueJobs(first);
        executeDueJobs(second);
        // the deposit was due long ago: its reminders may already have left; its next timers up to the formal notice
        for (int i = 0; i < 5 && engine.getTaskService().createTaskQuery().processInstanceId(first.getId())
                .taskDefinitionKey("Task_PrepareFormalNotice").count() == 0; i++) {
            var next = engine.getManagementService().createJobQuery().processInstanceId(first.getId()).timers()
                    .orderByJobDuedate().asc().list().get(0);
            engine.getManagementService().executeJob(next.getId());
            executeDueJobs(first);
        }
        completeTask(first, "Task_PrepareFormalNotice", TestUsers.ACCOUNTING, "accounting", Map.of("claimChecked", true));
        executeDueJobs(first);
        fireTimer(first, "Timer_FormalNoticeExpired");
        assertThat(second).isWaitingAt("Gateway_AwaitFirstReminder"); // the balance waits for its first reminder
        completeTask(first, "Task_DecideResolution", TestUsers.MANAGER, "managers", Map.of("resolutionDecision", "RESOLVE"));
        executeDueJobs(first);
        completeTask(first, "Task_SendResolutionLetter", TestUsers.ACCOUNTING, "accounting", Map.of("trackingNumber", "1A 999 000 1"));

        assertThat(stageOf(number)).isEqualTo("RESOLVED");
        assertThat(second).isEnded().hasPassed("StartEvent_ContractResolvedElsewhere", "Task_CloseWithContract",
                "EndEvent_ClosedWithContract").hasNotPassed("Task_PrepareFormalNotice");
        assertThat(outcome(balance)).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("SELECT resolution_tracking_number FROM collection_case WHERE invoice_id = ?").param(balance.id())
                .query(String.class).single()).isEqualTo("1A 999 000 1");
        assertThat(invoices.existing(number, InvoiceKind.BALANCE).orElseThrow().outstanding())
                .as("the balance stays owed: the resolution does not cancel it").isEqualByComparingTo(balance.gross());
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(balance.number()).count()).isZero();
    }

    @Test
    void theFormalNoticeLeavesAsAPdfCitingTheResolutionClauseWithACopyOfTheInvoice_R1_R2() {
        Delivered d = deliveredCompanyContract();
        toFormalNotice(d);
        List<Map<String, Object>> attached = jdbc.sql("""
                SELECT d.kind, d.reference, d.content FROM outbox_attachment a JOIN outbox_mail m ON m.id = a.mail_id
                JOIN document d ON d.id = a.document_id WHERE m.contract_number = ? AND m.letter = 'formal-notice'
                ORDER BY a.position""").param(d.number).query().listOfRows();
        assertThat(attached).extracting(r -> r.get("kind")).containsExactly("FORMAL_NOTICE", "INVOICE");
        assertThat(attached).extracting(r -> r.get("reference")).containsOnly(d.balance.number());
        String notice = PdfText.text(PdfText.keep("Mise-en-demeure-" + d.balance.number() + ".pdf",
                (byte[]) attached.get(0).get("content")));
        LocalDate deadline = today().plusDays(8);
        assertThat(notice).contains("Objet : mise en demeure de payer la facture", "Lettre recommandée avec demande d'avis de réception",
                "facture " + d.balance.number(), "au plus tard le " + new LetterFormat().date(deadline), "huit jours",
                "article 4.7", "résolution du contrat", "article 1225 du Code civil", "2 016,00 €", "40,00 €",
                "22 jours au taux annuel de", "12,15 %", "Total 2 070,76 €");
        // the reminders carried the invoice too
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM outbox_attachment a JOIN outbox_mail m ON m.id = a.mail_id
                WHERE m.contract_number = ? AND m.letter IN ('payment-reminder-1', 'payment-reminder-2')""")
                .param(d.number).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void aManagerWritesTheClaimOffAndTheContractCloses() {
        Delivered d = deliveredCompanyContract();
        toFormalNotice(d);
        fireTimer(d.collection, "Timer_FormalNoticeExpired");
        completeTask(d.collection, "Task_DecideResolution", TestUsers.MANAGER, "managers", Map.of("resolutionDecision", "WRITE_OFF"));
        assertThat(d.collection).isEnded().hasPassed("EndEvent_WrittenOff");
        assertThat(outcome(d.balance)).isEqualTo("WRITTEN_OFF");
        assertThat(stageOf(d.number)).isEqualTo("CLOSED");
        // a loss, no longer owed (billing.Owed): out of the receivables, shown as written off
        Invoice lost = invoices.existing(d.number, InvoiceKind.BALANCE).orElseThrow();
        assertThat(lost.outstanding()).isZero();
        assertThat(lost.writtenOffAmount()).isEqualByComparingTo(d.balance.gross());
    }

    @Test
    void anAnswerStopsTheEscalationAndAManagerGivesMoreTimeThenThePaymentCloses_R1() {
        Delivered d = deliveredCompanyContract();
        toFormalNotice(d);
        completeTask(d.collection, "Task_FollowFormalNotice", TestUsers.ACCOUNTING, "accounting",
                Map.of("clientAnswer", "Le client propose de payer sous quinze jours."));
        assertThat(d.collection).isWaitingAt("Task_DecideResolution");
        completeTask(d.collection, "Task_DecideResolution", TestUsers.MANAGER, "managers", Map.of("resolutionDecision", "MORE_TIME"));
        assertThat(d.collection).isWaitingAt("Task_FollowFormalNotice");
        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).isEnded().hasPassed("Boundary_PaidDuringNotice", "EndEvent_Paid");
    }

    @Test
    void aPaymentWhileTheNoticeIsPreparedOrTheManagerDecidesClosesTheCase() {
        Delivered d = deliveredCompanyContract();
        fireTimer(d.collection, "Timer_FirstReminder");
        fireTimer(d.collection, "Timer_SecondReminder");
        fireTimer(d.collection, "Timer_FormalNoticeDue");
        assertThat(d.collection).isWaitingAt("Task_PrepareFormalNotice");
        payByBank(d.balance.number(), d.balance.gross());
        assertThat(d.collection).isEnded().hasPassed("Boundary_PaidBeforeNotice");

        Delivered other = deliveredCompanyContract();
        toFormalNotice(other);
        fireTimer(other.collection, "Timer_FormalNoticeExpired");
        payByBank(other.balance.number(), other.balance.gross());
        assertThat(other.collection).isEnded().hasPassed("Boundary_PaidBeforeDecision");
    }

    @Test
    void aConsumerIsToldAboutTheMediatorOfItsEditionAndOwesNoIndemnity_M1_L2() {
        ProcessInstance contract = acceptedContract(QuoteForms.individual(today().plusMonths(2)), Map.of(
                "acceptanceDocument", "SIGNED_QUOTE", "earlyStartWaiver", true));
        String number = contractNumber(contract);
        payInTask(contract, "Task_CollectDeposit", "428,40", "VIR-" + UUID.randomUUID());
        deliver(contract);
        Delivered d = new Delivered(contract, number, invoices.existing(number, InvoiceKind.BALANCE).orElseThrow());
        toFormalNotice(d);
        assertThat(lastMail(number, "formal-notice")).contains("médiateur", "MED CONSO DEV")
                .doesNotContain("indemnité forfaitaire pour frais de recouvrement (articles");
    }

    @Test
    void accountingRecordsAPaymentFromTasklistOnceAndItReachesTheCollection() {
        Delivered d = deliveredCompanyContract();
        String reference = "VIR-" + UUID.randomUUID();
        Map<String, Object> form = Map.of("paymentReference", reference, "contractNumber", d.number.toLowerCase(),
                "paymentAmount", "2 016,00", "paymentDate", today().toString());
        startPaymentForm(form);
        startPaymentForm(form);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE external_reference = ?").param(reference).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(d.collection).isEnded().hasPassed("EndEvent_Paid");
        assertThat(stageOf(d.number)).isEqualTo("CLOSED");
    }

    record Delivered(ProcessInstance contract, String number, Invoice balance, ProcessInstance collection) {
        Delivered(ProcessInstance contract, String number, Invoice balance) {
            this(contract, number, balance, null);
        }
    }

    private Delivered deliveredCompanyContract() {
        ProcessInstance contract = deliveredContract();
        String number = contractNumber(contract);
        Invoice balance = invoices.existing(number, InvoiceKind.BALANCE).orElseThrow();
        ProcessInstance collection = collectionOf(balance.number());
        executeDueJobs(collection);
        return new Delivered(contract, number, balance, collection);
    }

    private ProcessInstance collectionOf(String invoiceNumber) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("invoice-collection")
                .processInstanceBusinessKey(invoiceNumber).singleResult();
    }

    private void toFormalNotice(Delivered d) {
        executeDueJobs(prepareFormalNotice(d));
    }

    /** Up to the formal notice accounting prepared, its sending job not run yet. */
    private ProcessInstance prepareFormalNotice(Delivered d) {
        ProcessInstance collection = d.collection != null ? d.collection : collectionOf(d.balance.number());
        fireTimer(collection, "Timer_FirstReminder");
        fireTimer(collection, "Timer_SecondReminder");
        fireTimer(collection, "Timer_FormalNoticeDue");
        completeTask(collection, "Task_PrepareFormalNotice", TestUsers.ACCOUNTING, "accounting", Map.of("claimChecked", true));
        return collection;
    }

    private void startPaymentForm(Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(TestUsers.ACCOUNTING, List.of("accounting"));
        try {
            String id = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("payment-recording")
                    .latestVersion().singleResult().getId();
            engine.getFormService().submitStartForm(id, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }


    private String outcome(Invoice invoice) {
        return jdbc.sql("SELECT outcome FROM collection_case WHERE invoice_id = ?").param(invoice.id()).query(String.class).single();
    }

    private String lastMail(String contractNumber, String letter) {
        return jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ? AND letter = ? ORDER BY id DESC")
                .params(contractNumber, letter).query(String.class).list().get(0);
    }
}
