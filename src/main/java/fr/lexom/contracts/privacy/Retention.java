package fr.lexom.contracts.privacy;

import fr.lexom.contracts.contract.ContractStage;
import fr.lexom.contracts.process.BusinessCalendar;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The nightly purge of G1 and G2. Contracts whose relationship ended more than {@code personalDataYears} ago are
 * anonymised (their client too once none of its contracts is younger); mails older than that are deleted;
 * invoice PDFs older than {@code accountingYears} are deleted; personal-data exports are cleared after
 * {@code exportDays}. The engine's own history follows the processes' historyTimeToLive (five years) through
 * Camunda's history cleanup, in its nightly window; the operation log entries that cleanup leaves go here. Running
 * it twice, or on two nodes at once, changes nothing more: the nodes take turns (a row lock in
 * {@code scheduled_task_lock}).
 */
@Component
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final PersonalDataService personalData;
    private final RetentionProperties properties;
    private final BusinessCalendar calendar;

    Retention(JdbcClient jdbc, PersonalDataService personalData, RetentionProperties properties, BusinessCalendar calendar) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.properties = properties;
        this.calendar = calendar;
    }

    @Scheduled(cron = "${lexom.retention.cron}", zone = "Europe/Paris")
    public void nightly() {
        try {
            Map<String, Integer> done = apply(calendar.today());
            LOG.info("Retention applied: {}", done);
        } catch (RuntimeException e) {
            LOG.error("Retention purge failed; it runs again next night", e);
        }
    }

    /** Applies the retention periods as of {@code today}; returns what it did. */
    @Transactional
    public Map<String, Integer> apply(LocalDate today) {
        // One node at a time: every node of a cluster runs this at the same hour. The second one waits here for the
        // first one's commit, then finds nothing left to do (no second RETENTION record, no concurrent erasure).
        jdbc.sql("SELECT name FROM scheduled_task_lock WHERE name = 'retention' FOR UPDATE").query(String.class).single();
        String finished = ContractStage.finishedNames().stream().map(name -> "'" + name + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        OffsetDateTime personalCutoff = today.minusYears(properties.personalDataYears()).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<Map<String, Object>> due = jdbc.sql("""
                SELECT c.number, c.client_id FROM contract c
                WHERE c.personal_data_erased_at IS NULL AND c.stage IN (%s) AND c.updated_at < ?""".formatted(finished))
                .param(personalCutoff).query().listOfRows();
        int contracts = 0;
        for (Map<String, Object> row : due) {
            String number = (String) row.get("number");
            long clientId = ((Number) row.get("client_id")).longValue();
            // the client goes too once none of its contracts is running or recent
            long younger = jdbc.sql("""
                    SELECT COUNT(*) FROM contract WHERE client_id = ? AND number <> ?
                      AND (stage NOT IN (%s) OR updated_at >= ?)""".formatted(finished))
                    .params(clientId, number, personalCutoff).query(Long.class).single();
            personalData.anonymiseContract(number, younger == 0, "retention");
            contracts++;
        }
        OffsetDateTime mailCutoff = personalCutoff;
        jdbc.sql("""
                DELETE FROM outbox_attachment WHERE mail_id IN (
                  SELECT id FROM outbox_mail WHERE created_at < ? AND status IN ('SENT', 'KEPT', 'FAILED'))""")
                .param(mailCutoff).update();
        int mails = jdbc.sql("DELETE FROM outbox_mail WHERE created_at < ? AND status IN ('SENT', 'KEPT', 'FAILED')")
                .param(mailCutoff).update();
        int operationLog = removeOperationLogOfRemovedHistory(today);
        LocalDate accountingCutoff = today.minusYears(properties.accountingYears());
        List<Long> oldInvoiceDocuments = jdbc.sql("""
                SELECT d.id FROM document d JOIN invoice i ON d.dedup_key = 'invoice/' || i.number
                WHERE i.issued_on < ?""").param(accountingCutoff).query(Long.class).list();
        for (Long id : oldInvoiceDocuments) {
            jdbc.sql("DELETE FROM outbox_attachment WHERE document_id = ?").param(id).update();
            jdbc.sql("DELETE FROM document WHERE id = ?").param(id).update();
        }
        int exports = jdbc.sql("UPDATE data_request SET export_json = NULL WHERE export_json IS NOT NULL AND handled_at < ?")
                .param(today.minusDays(properties.exportDays()).atStartOfDay().atOffset(ZoneOffset.UTC)).update();
        return Map.of("contractsAnonymised", contracts, "mailsDeleted", mails,
                "invoiceDocumentsDeleted", oldInvoiceDocuments.size(), "exportsCleared", exports,
                "operationLogEntriesDeleted", operationLog);
    }

    /**
     * G1 for the engine's user operation log (who did what in Tasklist and Cockpit). Camunda's history cleanup, end-time
     * based as configured, removes an ended instance's history five years after its end but keeps the operation log
     * entries of that instance; they go here once the instance's history is gone and they are older than the
     * retention period, counted in days with today's boundary day included (the cleanup removed, during the night,
     * instances that ended on that day five years ago; the history being gone is what decides, the age only keeps the
     * entries of a history deleted by hand, the audit of that deletion, for the period). Entries of no process
     * instance (identity, deployments) are not the clients' data and stay.
     */
    @Transactional
    public int removeOperationLogOfRemovedHistory(LocalDate today) {
        OffsetDateTime cutoff = today.minusYears(properties.personalDataYears()).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                DELETE FROM ACT_HI_OP_LOG WHERE TIMESTAMP_ < ? AND ROOT_PROC_INST_ID_ IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = ACT_HI_OP_LOG.ROOT_PROC_INST_ID_)""")
                .param(cutoff).update();
    }
}
