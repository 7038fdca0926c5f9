package fr.lexom.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.billing.Invoice;
import fr.lexom.contracts.billing.InvoiceKind;
import fr.lexom.contracts.billing.InvoiceService;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** G1, G2: what outlived its retention period goes, and nothing else. */
@IntegrationTest
class RetentionTest extends ProcessTestSupport {

    @Autowired
    Retention retention;
    @Autowired
    InvoiceService invoices;

    @Test
    void personalDataGoesFiveYearsAfterTheRelationshipEndsAndInvoicePdfsAfterTen_G1_G2() {
        String oldNumber = quoteExpiredSixYearsAgo("Ancien Client");
        OffsetDateTime sixYearsAgo = OffsetDateTime.now().minusYears(6);
        jdbc.sql("UPDATE outbox_mail SET created_at = ?, status = 'SENT' WHERE contract_number = ?").params(sixYearsAgo, oldNumber).update();
        // a running contract whose deposit invoice was issued eleven years ago (its PDF has outlived G2)
        ProcessInstance running = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String runningNumber = contractNumber(running);
        Invoice deposit = invoices.existing(runningNumber, InvoiceKind.DEPOSIT).orElseThrow();
        jdbc.sql("UPDATE invoice SET issued_on = ? WHERE id = ?").params(today().minusYears(11), deposit.id()).update();
        String runningClient = jdbc.sql("SELECT cl.name FROM client cl JOIN contract c ON c.client_id = cl.id WHERE c.number = ?")
                .param(runningNumber).query(String.class).single();

        Map<String, Integer> done = retention.apply(today());

        assertThat(done.get("contractsAnonymised")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT cl.name FROM client cl JOIN contract c ON c.client_id = cl.id WHERE c.number = ?")
                .param(oldNumber).query(String.class).single()).startsWith("Client anonymisé");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND p.email IS NOT NULL")
                .param(oldNumber).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_mail WHERE contract_number = ?").param(oldNumber).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ?").param(oldNumber).query(Long.class).single()).isZero();
        // the running contract keeps its client and mails; its eleven-year-old invoice keeps its row, not its PDF
        assertThat(jdbc.sql("SELECT cl.name FROM client cl JOIN contract c ON c.client_id = cl.id WHERE c.number = ?")
                .param(runningNumber).query(String.class).single()).isEqualTo(runningClient);
        assertThat(lettersOf(runningNumber)).contains("quote", "deposit-request");
        assertThat(invoices.find(deposit.number())).isPresent();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE dedup_key = ?").param("invoice/" + deposit.number())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE contract_number = ? AND kind = 'QUOTE'").param(runningNumber)
                .query(Long.class).single()).isEqualTo(1L);

        // run again: nothing more to do for that contract
        retention.apply(today());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_request WHERE kind = 'RETENTION' AND outcome LIKE ?")
                .param("%" + oldNumber + "%").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void twoNodesPurgingAtTheSameHourAnonymiseAnOldContractOnce_G1() throws Exception {
        String number = quoteExpiredSixYearsAgo("Client Ancien");

        // the nightly purge starts on two nodes at once (two threads, two transactions on one database)
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CountDownLatch nightly = new CountDownLatch(1);
        try {
            List<Future<Map<String, Integer>>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                runs.add(nodes.submit(() -> {
                    nightly.await();
                    return retention.apply(today());
                }));
            }
            nightly.countDown();
            for (Future<Map<String, Integer>> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            nodes.shutdownNow();
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_request WHERE kind = 'RETENTION' AND outcome LIKE ?")
                .param("%" + number + "%").query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT cl.name FROM client cl JOIN contract c ON c.client_id = cl.id WHERE c.number = ?")
                .param(number).query(String.class).single()).startsWith("Client anonymisé");
    }

    @Test
    void camundasHistoryCleanupRemovesAnEndedContractsHistoryAfterItsTimeToLiveAndKeepsTheRest_G1() {
        ProcessInstance ended = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(ended);
        fireTimer(ended, "Timer_QuoteValidity");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(ended.getId()).count()).isZero();
        ProcessInstance running = acceptedContract(QuoteForms.company(today().plusMonths(2)));

        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        boolean enabled = configuration.isHistoryCleanupEnabled();
        configuration.setHistoryCleanupEnabled(true);
        try {
            // one day short of the five years (historyTimeToLive 1826 days from the end): kept
            ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(1824))));
            runCleanup();
            assertThat(history(ended)).isEqualTo(1L);
            // past them: gone, with its variables; the running contract's history stays
            ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(3))));
            runCleanup();
            assertThat(history(ended)).isZero();
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(ended.getId())
                    .includeDeleted().count()).isZero();
            assertThat(history(running)).isEqualTo(1L);
            // what staff did on the ended contract (its user operation log) outlives Camunda's cleanup; the nightly
            // purge removes it once the history is gone, and keeps the running contract's
            assertThat(operationLog(ended)).isPositive();
            long runningLog = operationLog(running);
            assertThat(runningLog).isPositive();
            retention.removeOperationLogOfRemovedHistory(LocalDate.ofInstant(ClockUtil.now().toInstant(), ZoneOffset.UTC));
            assertThat(operationLog(ended)).isZero();
            assertThat(operationLog(running)).isEqualTo(runningLog);
        } finally {
            configuration.setHistoryCleanupEnabled(enabled);
            engine.getHistoryService().findHistoryCleanupJobs().forEach(j -> engine.getManagementService().deleteJob(j.getId()));
        }
    }

    private void runCleanup() {
        Job job = engine.getHistoryService().cleanUpHistoryAsync(true);
        for (int batch = 0; batch < 50; batch++) {
            engine.getManagementService().executeJob(job.getId());
            job = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
            if (job == null || job.getDuedate() == null || job.getDuedate().after(ClockUtil.now())) {
                return; // nothing left to clean in this window: the job waits for the next one
            }
        }
    }

    /** An individual's quote that expired (Q1) and whose contract was last changed six years ago; its number. */
    private String quoteExpiredSixYearsAgo(String clientName) {
        Map<String, Object> form = QuoteForms.individual(today().plusMonths(2));
        form.put("clientName", clientName + System.nanoTime() % 100000);
        ProcessInstance quote = startQuote(form);
        executeDueJobs(quote);
        String number = contractNumber(quote);
        fireTimer(quote, "Timer_QuoteValidity");
        assertThat(stageOf(number)).isEqualTo("EXPIRED");
        jdbc.sql("UPDATE contract SET updated_at = ? WHERE number = ?").params(OffsetDateTime.now().minusYears(6), number).update();
        return number;
    }

    private long operationLog(ProcessInstance instance) {
        return engine.getHistoryService().createUserOperationLogQuery().processInstanceId(instance.getId()).count();
    }

    private long history(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count();
    }
}
