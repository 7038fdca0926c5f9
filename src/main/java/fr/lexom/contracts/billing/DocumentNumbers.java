package fr.lexom.contracts.billing;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gap-free numbers per kind and year (quotes DEV-2026-00001, invoices FA-2026-00001). The counter row is
 * locked by the increment until the caller's transaction ends: numbers are handed out in order, a rollback
 * gives the number back, and two transactions never get the same one.
 */
@Service
public class DocumentNumbers {

    public static final String QUOTE = "QUOTE";
    public static final String INVOICE = "INVOICE";
    static final java.util.List<String> KINDS = java.util.List.of(QUOTE, INVOICE);

    private final JdbcClient jdbc;
    private final TransactionTemplate separateTransaction;

    public DocumentNumbers(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.separateTransaction = new TransactionTemplate(transactionManager);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public int next(String kind, int year) {
        int updated = jdbc.sql("UPDATE document_counter SET last_value = last_value + 1 WHERE kind = ? AND counter_year = ?")
                .params(kind, year).update();
        if (updated == 0) {
            createCounter(kind, year);
            jdbc.sql("UPDATE document_counter SET last_value = last_value + 1 WHERE kind = ? AND counter_year = ?")
                    .params(kind, year).update();
        }
        return jdbc.sql("SELECT last_value FROM document_counter WHERE kind = ? AND counter_year = ?")
                .params(kind, year).query(Integer.class).single();
    }

    /** Counters of this year and the next, created at startup so issuing never has to create one. */
    @EventListener(ApplicationReadyEvent.class)
    public void prepareCounters() {
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).getYear();
        for (String kind : KINDS) {
            createCounter(kind, year);
            createCounter(kind, year + 1);
        }
    }

    /**
     * Creates a counter in a transaction of its own, so that a concurrent first document does not fail its
     * caller: the loser of the insert race simply finds the row. (Normally done at startup.)
     */
    public void createCounter(String kind, int year) {
        try {
            separateTransaction.executeWithoutResult(status -> {
                boolean exists = jdbc.sql("SELECT COUNT(*) FROM document_counter WHERE kind = ? AND counter_year = ?")
                        .params(kind, year).query(Long.class).single() > 0;
                if (!exists) {
                    jdbc.sql("INSERT INTO document_counter (kind, counter_year, last_value) VALUES (?, ?, 0)")
                            .params(kind, year).update();
                }
            });
        } catch (DuplicateKeyException concurrentFirst) {
            // Another transaction created the counter in the meantime: use it.
        }
    }

    public static String format(String prefix, int year, int value) {
        return "%s-%d-%05d".formatted(prefix, year, value);
    }
}
