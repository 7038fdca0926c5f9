package fr.lexom.contracts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox against a real SMTP server (GreenMail on a dynamic port): once, never lost, waits out an outage. */
@IntegrationTest
class OutboxSmtpTest extends ProcessTestSupport {

    private static GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static int port;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        smtp.start();
        port = smtp.getSmtp().getPort();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
        registry.add("lexom.mail.max-attempts", () -> 3);
        // A second Spring context in the JVM: its engine gets its own name, or the REST filters of the main
        // context would look up this engine as "default" and authenticate callers on it. (Camunda ignores a name
        // with a hyphen and keeps "default": letters and digits only.)
        registry.add("camunda.bpm.process-engine-name", () -> "smtptest");
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 2000);
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> 2000);
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxSender sender;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired
    org.camunda.bpm.engine.ManagementService managementService;
    @Autowired
    MailTransport transport;
    @Autowired
    MailProperties mailProperties;
    @Autowired
    java.time.Clock clock;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<org.camunda.bpm.engine.RuntimeService> runtimeServiceProvider;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void eachMailIsDeliveredOnceEvenWhenQueuedTwice() throws Exception {
        String domain = uniqueDomain();
        OutboxMail mail = mail("K-" + domain + "/quote/1", "client@" + domain);
        assertThat((Boolean) transaction.execute(s -> outbox.enqueue(mail))).isTrue();
        assertThat((Boolean) transaction.execute(s -> outbox.enqueue(mail))).isFalse();

        sender.sendDue();
        sender.sendDue();

        MimeMessage[] received = smtp.getReceivedMessagesForDomain(domain);
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Votre devis DEV-1999-00042");
        assertThat(received[0].getMessageID()).isEqualTo(Outbox.messageId(mail.dedupKey()));
        assertThat(received[0].getFrom()[0].toString()).contains("formation@lexom.fr");
        assertThat(statusOf(mail.dedupKey())).isEqualTo("SENT");
    }

    @Test
    void smtpOutageMakesMailWaitThenItIsDeliveredOnce() throws Exception {
        String domain = uniqueDomain();
        OutboxMail mail = mail("K-" + domain + "/reminder/1", "client@" + domain);
        transaction.execute(s -> outbox.enqueue(mail));

        smtp.stop();
        try {
            sender.sendDue();
            Map<String, Object> row = row(mail.dedupKey());
            assertThat(row.get("status")).isEqualTo("PENDING");
            assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
            assertThat((String) row.get("last_error")).isNotBlank();
        } finally {
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        // not yet due: the back-off holds it
        sender.sendDue();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).isEmpty();

        ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(Duration.ofMinutes(1))));
        sender.sendDue();
        sender.sendDue();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).hasSize(1);
        assertThat(statusOf(mail.dedupKey())).isEqualTo("SENT");
    }

    @Test
    void afterTheLastAttemptTheMailIsFailedAndCanBeRetried() throws Exception {
        String domain = uniqueDomain();
        OutboxMail mail = mail("K-" + domain + "/notice/1", "client@" + domain);
        transaction.execute(s -> outbox.enqueue(mail));
        smtp.stop();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(Duration.ofHours(3))));
                sender.sendDue();
            }
            assertThat(statusOf(mail.dedupKey())).isEqualTo("FAILED");
        } finally {
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        assertThat(sender.retryFailed()).isGreaterThanOrEqualTo(1);
        sender.sendDue();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).hasSize(1);
    }

    @Test
    void aMailThatSpentItsRetriesIsAnIncidentThatAManagerRetriesOnceSmtpIsBack() throws Exception {
        String domain = uniqueDomain();
        OutboxMail mail = mail("K-" + domain + "/invoice/1", "client@" + domain);
        transaction.execute(s -> outbox.enqueue(mail));
        long id = jdbc.sql("SELECT id FROM outbox_mail WHERE dedup_key = ?").param(mail.dedupKey()).query(Long.class).single();
        smtp.stop();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(Duration.ofHours(3))));
                sender.sendDue();
            }
            assertThat(statusOf(mail.dedupKey())).isEqualTo("FAILED");
            var instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("mail-failure")
                    .variableValueEquals("mailId", id).singleResult();
            assertThat(instance).isNotNull();
            assertThat(instance.getBusinessKey()).isEqualTo("DEV-1999-00042"); // found by contract number in Cockpit
            var job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(job.getId()))
                    .hasMessageContaining("n'a pas pu être remis");
            assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
            assertThat(statusOf(mail.dedupKey())).isEqualTo("FAILED");
            assertThat(smtp.getReceivedMessagesForDomain(domain)).isEmpty();
        } finally {
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        // what "Réessayer" in Cockpit does: give the job a retry, the job executor runs it
        var instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("mail-failure")
                .variableValueEquals("mailId", id).singleResult();
        var job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
        managementService.setJobRetries(job.getId(), 1);
        managementService.executeJob(job.getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).hasSize(1);
        assertThat(statusOf(mail.dedupKey())).isEqualTo("SENT");
        sender.sendDue();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).hasSize(1);
    }

    @Test
    void aClaimLeftByACrashedSenderIsReleasedAfterTheLease() throws Exception {
        String domain = uniqueDomain();
        OutboxMail mail = mail("K-" + domain + "/quote/1", "client@" + domain);
        transaction.execute(s -> outbox.enqueue(mail));
        jdbc.sql("UPDATE outbox_mail SET status = 'SENDING', claimed_at = ? WHERE dedup_key = ?")
                .params(java.time.OffsetDateTime.now(), mail.dedupKey()).update();

        sender.sendDue();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).isEmpty();

        ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(Duration.ofMinutes(6))));
        sender.sendDue();
        assertThat(smtp.getReceivedMessagesForDomain(domain)).hasSize(1);
    }

    /**
     * Two nodes, one slow poll: node A's batch sends its mails one after the other for longer than the lease. Its
     * claim carries the time it was taken and is stamped again as the batch goes, so node B polling meanwhile
     * leaves A's mails alone (a claim stamped with the poll's start looked expired and B sent the mail a second
     * time).
     */
    @Test
    void aPollLongerThanTheLeaseKeepsItsClaimsFromAnotherNode() throws Exception {
        String domain = uniqueDomain();
        List<OutboxMail> mails = List.of(mail("K-" + domain + "/quote/1", "a@" + domain),
                mail("K-" + domain + "/quote/2", "b@" + domain), mail("K-" + domain + "/quote/3", "c@" + domain));
        mails.forEach(m -> transaction.execute(s -> outbox.enqueue(m)));
        List<String> sentByNodeB = new ArrayList<>();
        MailTransport nodeBTransport = new MailTransport() {
            @Override
            public String deliveredStatus() {
                return "SENT";
            }

            @Override
            public void deliver(PendingMail mail) {
                sentByNodeB.add(mail.dedupKey());
            }
        };
        OutboxSender nodeB = new OutboxSender(jdbc, nodeBTransport, mailProperties, clock, runtimeServiceProvider);
        Duration slowDelivery = mailProperties.sendingLease().dividedBy(2).plusSeconds(30); // 3 min with the 5 min lease
        MailTransport slowNodeA = new MailTransport() {
            @Override
            public String deliveredStatus() {
                return transport.deliveredStatus();
            }

            @Override
            public void deliver(PendingMail mail) throws Exception {
                ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(slowDelivery)));
                if (mail.dedupKey().equals(mails.get(1).dedupKey())) {
                    nodeB.sendDue(); // node B polls while node A is sending its second mail
                }
                transport.deliver(mail);
            }
        };
        new OutboxSender(jdbc, slowNodeA, mailProperties, clock, runtimeServiceProvider).sendDue();
        nodeB.sendDue();

        // the three mails are node A's batch: node B takes none, not even the third one A has not sent yet
        assertThat(sentByNodeB).isEmpty();
        assertThat(smtp.getReceivedMessagesForDomain(domain).length + sentByNodeB.size()).isEqualTo(3);
        mails.forEach(m -> assertThat(statusOf(m.dedupKey())).isEqualTo("SENT"));
    }

    /** More mails than a batch: each batch goes over one SMTP connection, each mail arrives once and is SENT. */
    @Test
    void mailsDueTogetherGoByBatchesOfOneSmtpConnectionEachAndArriveOnce() throws Exception {
        String domain = uniqueDomain();
        List<OutboxMail> mails = mails(domain, 120); // six batches of OutboxSender.BATCH (20)
        CountingSmtpSender smtpClient = new CountingSmtpSender(port);
        OutboxSender node = new OutboxSender(jdbc, new SmtpMailTransport(smtpClient, mailProperties.from()),
                mailProperties, clock, runtimeServiceProvider);

        int delivered = node.sendDue();

        assertThat(delivered).isGreaterThanOrEqualTo(120); // and any mail an earlier test left due
        assertThat(smtpClient.connections.get()).isEqualTo((delivered + OutboxSender.BATCH - 1) / OutboxSender.BATCH);
        assertEachReceivedOnce(domain, mails);
        for (OutboxMail mail : mails) {
            Map<String, Object> row = jdbc.sql("SELECT status, attempts, claimed_at, claimed_by FROM outbox_mail WHERE dedup_key = ?")
                    .param(mail.dedupKey()).query().singleRow();
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
            assertThat(row.get("claimed_at")).isNull();
            assertThat(row.get("claimed_by")).isNull();
        }
    }

    @Test
    void aMailTheServerRefusesIsRetriedAloneWhileTheRestOfItsBatchIsSent() throws Exception {
        String domain = uniqueDomain();
        List<OutboxMail> mails = mails(domain, 5);
        OutboxMail refused = mails.get(2);
        OutboxSender node = new OutboxSender(jdbc,
                new SmtpMailTransport(new CountingSmtpSender(port, refused.recipients().get(0)), mailProperties.from()),
                mailProperties, clock, runtimeServiceProvider);

        node.sendDue();

        Map<String, Object> refusedRow = row(refused.dedupKey());
        assertThat(refusedRow.get("status")).isEqualTo("PENDING");
        assertThat(((Number) refusedRow.get("attempts")).intValue()).isEqualTo(1);
        assertThat((String) refusedRow.get("last_error")).contains("550");
        List<OutboxMail> others = mails.stream().filter(m -> m != refused).toList();
        others.forEach(m -> assertThat(statusOf(m.dedupKey())).isEqualTo("SENT"));
        assertEachReceivedOnce(domain, others);

        // its back-off passed, the refused mail goes alone through the ordinary sender
        ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(Duration.ofMinutes(1))));
        sender.sendDue();
        assertEachReceivedOnce(domain, mails);
        assertThat(statusOf(refused.dedupKey())).isEqualTo("SENT");
    }

    /** Two nodes on one database, polling at the same moment for the same due mails: each mail goes out once. */
    @Test
    void twoSendersPollingAtOnceNeverSendAMailTwice() throws Exception {
        String domain = uniqueDomain();
        List<OutboxMail> mails = mails(domain, 300);
        OutboxSender nodeA = new OutboxSender(jdbc, transport, mailProperties, clock, runtimeServiceProvider);
        OutboxSender nodeB = new OutboxSender(jdbc, transport, mailProperties, clock, runtimeServiceProvider);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = nodes.submit(() -> {
                start.await();
                return nodeA.sendDue();
            });
            var b = nodes.submit(() -> {
                start.await();
                return nodeB.sendDue();
            });
            int delivered = a.get(2, java.util.concurrent.TimeUnit.MINUTES) + b.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(delivered).isGreaterThanOrEqualTo(300);
        } finally {
            nodes.shutdownNow();
        }
        assertEachReceivedOnce(domain, mails);
        mails.forEach(m -> assertThat(statusOf(m.dedupKey())).isEqualTo("SENT"));
    }

    private List<OutboxMail> mails(String domain, int count) {
        List<OutboxMail> mails = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            mails.add(mail("K-" + domain + "/quote/" + i, "client" + i + "@" + domain));
        }
        transaction.executeWithoutResult(s -> mails.forEach(outbox::enqueue));
        return mails;
    }

    /** GreenMail keeps one copy per recipient: one recipient per mail, so one copy of a Message-ID = sent once. */
    private void assertEachReceivedOnce(String domain, List<OutboxMail> mails) {
        Map<String, Long> received = Arrays.stream(smtp.getReceivedMessagesForDomain(domain))
                .collect(java.util.stream.Collectors.groupingBy(OutboxSmtpTest::messageId, java.util.stream.Collectors.counting()));
        assertThat(received).containsExactlyInAnyOrderEntriesOf(mails.stream().collect(
                java.util.stream.Collectors.toMap(m -> Outbox.messageId(m.dedupKey()), m -> 1L)));
    }

    @Test
    void aContractsLettersReachTheirRecipientsOnceWithTheirDocuments() throws Exception {
        var instance = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(instance);
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        deliver(instance);
        sender.sendDue();
        sender.sendDue(); // a second pass sends nothing twice

        List<Map<String, Object>> outboxRows = jdbc.sql("""
                SELECT id, message_id, letter, recipients, subject, status FROM outbox_mail WHERE contract_number = ? ORDER BY id""")
                .param(number).query().listOfRows();
        assertThat(outboxRows).extracting(r -> r.get("letter")).contains("quote", "acceptance-acknowledgement",
                "deposit-request", "convocation", "hot-evaluation", "completion-certificate", "invoice");
        for (Map<String, Object> row : outboxRows) {
            String letter = (String) row.get("letter");
            assertThat(row.get("status")).as(letter).isEqualTo("SENT");
            List<MimeMessage> received = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> messageId(m).equals(row.get("message_id"))).toList();
            // GreenMail keeps one copy per recipient: one recipient per mail here, so one copy = sent once
            assertThat(received).as(letter).hasSize(1);
            MimeMessage message = received.get(0);
            assertThat(message.getSubject()).as(letter).isEqualTo(row.get("subject"));
            assertThat(recipients(message)).as(letter).containsExactly(((String) row.get("recipients")).split(","));
            List<String> expected = jdbc.sql("""
                    SELECT d.file_name FROM outbox_attachment a JOIN document d ON d.id = a.document_id
                    WHERE a.mail_id = ? ORDER BY a.position""").param(row.get("id")).query(String.class).list();
            assertThat(attachments(message).keySet()).as(letter).containsExactlyElementsOf(expected);
        }
        MimeMessage quote = only(number, "quote");
        byte[] quotePdf = attachments(quote).get("Devis-" + number + ".pdf");
        assertThat(PdfText.text(quotePdf)).contains("Devis n° " + number + " valant convention de formation");
        assertThat(body(quote)).contains("Ce devis est valable jusqu'au");
        byte[] depositPdf = attachments(only(number, "deposit-request")).values().iterator().next();
        assertThat(PdfText.embeddedFile(depositPdf, "factur-x.xml")).contains("<ram:TypeCode>386</ram:TypeCode>");
        List<String> certificates = new ArrayList<>();
        for (MimeMessage m : all(number, "completion-certificate")) {
            certificates.addAll(attachments(m).keySet());
        }
        assertThat(certificates).hasSize(2).allMatch(name -> name.startsWith("Attestation-" + number));
        assertThat(attachments(only(number, "invoice")).keySet()).singleElement().asString().startsWith("Facture-FA-");
    }

    @Test
    void aStepRolledBackAfterQueueingItsMailAndRetriedQueuesOneMailAndOneDocument_thenARestartedSenderSendsItOnce()
            throws Exception {
        var instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        var job = jobAt(instance.getId(), "Task_SendQuote");
        while (job == null) { // Task_CreateQuote and anything before the quote mail
            executeNextJob(instance.getId());
            job = jobAt(instance.getId(), "Task_SendQuote");
        }
        String number = contractNumber(instance);
        String jobId = job.getId();

        // the step runs, queues the mail and stores the PDF, then its transaction fails (a crash before commit)
        transaction.executeWithoutResult(status -> {
            managementService.executeJob(jobId);
            assertThat(lettersOf(number)).containsExactly("quote");
            status.setRollbackOnly();
        });
        assertThat(lettersOf(number)).isEmpty();
        assertThat(documentCount(number)).isZero();

        // the engine runs the job again: one mail, one document
        managementService.executeJob(jobId);
        assertThat(lettersOf(number)).containsExactly("quote");
        assertThat(documentCount(number)).isEqualTo(1L);

        // the sender dies after claiming the mail; a new sender (a restart) delivers it once the lease has passed
        jdbc.sql("UPDATE outbox_mail SET status = 'SENDING', claimed_at = ? WHERE contract_number = ?")
                .params(java.time.OffsetDateTime.now(), number).update();
        OutboxSender restarted = new OutboxSender(jdbc, transport, mailProperties, clock, runtimeServiceProvider);
        restarted.sendDue();
        assertThat(all(number, "quote")).isEmpty();
        ClockUtil.setCurrentTime(java.util.Date.from(ClockUtil.now().toInstant().plus(Duration.ofMinutes(6))));
        restarted.sendDue();
        restarted.sendDue();
        sender.sendDue();
        assertThat(all(number, "quote")).hasSize(1);
        assertThat(attachments(all(number, "quote").get(0))).containsOnlyKeys("Devis-" + number + ".pdf");
    }

    private org.camunda.bpm.engine.runtime.Job jobAt(String processInstanceId, String activityId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
    }

    private void executeNextJob(String processInstanceId) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(processInstanceId)
                .executable().list().get(0).getId());
    }

    private long documentCount(String contractNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ?").param(contractNumber)
                .query(Long.class).single();
    }

    private MimeMessage only(String contractNumber, String letter) {
        List<MimeMessage> messages = all(contractNumber, letter);
        assertThat(messages).as(letter).hasSize(1);
        return messages.get(0);
    }

    private List<MimeMessage> all(String contractNumber, String letter) {
        List<String> ids = jdbc.sql("SELECT message_id FROM outbox_mail WHERE contract_number = ? AND letter = ?")
                .params(contractNumber, letter).query(String.class).list();
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> ids.contains(messageId(m))).toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attachments of a received message, by file name, in order. */
    private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        if (message.getContent() instanceof Multipart multipart) {
            collect(multipart, files);
        }
        return files;
    }

    private static void collect(Multipart multipart, Map<String, byte[]> files) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                part.getDataHandler().writeTo(out);
                files.put(part.getFileName(), out.toByteArray());
            } else if (part.getContent() instanceof Multipart nested) {
                collect(nested, files);
            }
        }
    }

    /** The text/plain body of a received message, decoded. */
    private static String body(MimeMessage message) throws Exception {
        return plainText(message);
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** A mail of a contract number no quote can get (year 1999): the tests that read a real contract's mails never see it. */
    private static OutboxMail mail(String key, String to) {
        return new OutboxMail(key, "DEV-1999-00042", "quote", List.of(to), "Votre devis DEV-1999-00042",
                "Bonjour,\n\nVoici votre devis.\n", null);
    }

    private static String uniqueDomain() {
        return UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private String statusOf(String key) {
        return (String) row(key).get("status");
    }

    private Map<String, Object> row(String key) {
        return jdbc.sql("SELECT status, attempts, last_error FROM outbox_mail WHERE dedup_key = ?").param(key).query().singleRow();
    }

    static List<String> recipients(MimeMessage message) throws Exception {
        return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    }
}
