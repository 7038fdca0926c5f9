package fr.lexom.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.lexom.contracts.support.IntegrationTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The domain schema, created by Flyway on the engine's datasource, with the catalogue and reference data. */
@IntegrationTest
class SchemaTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void catalogueHoldsBothSeedTrainingsWithTheirObjectives() {
        assertThat(jdbc.sql("SELECT reference FROM training ORDER BY reference").query(String.class).list())
                .containsExactly("AK-RCL-RCL-09", "RCL-APPL-03");
        assertThat(jdbc.sql("SELECT duration_hours FROM training WHERE reference = 'RCL-APPL-03'").query(BigDecimal.class).single())
                .isEqualByComparingTo("14");
        assertThat(jdbc.sql("""
                SELECT o.text FROM training_objective o JOIN training t ON t.id = o.training_id
                WHERE t.reference = 'RCL-APPL-03' ORDER BY o.position""").query(String.class).list())
                .containsExactly("Choisir le bon courrier écrit", "Rédiger un courrier personnalisé", "Employer un ton aimable");
    }

    @Test
    void jobsAreFoundByTheirDueDateAndTasksByTheirParent() throws Exception {
        // EngineIndexes: the job executor's acquisition and the end of a task must not read whole tables (docs/performance.md)
        assertThat(indexes("ACT_RU_JOB")).contains("lexom_job_duedate_ix(duedate_)");
        assertThat(indexes("ACT_RU_TASK")).contains("lexom_task_parent_ix(parent_task_id_)");
    }

    private java.util.List<String> indexes(String table) throws java.sql.SQLException {
        java.util.List<String> indexes = new java.util.ArrayList<>();
        try (var connection = dataSource.getConnection()) {
            var metadata = connection.getMetaData();
            for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
                try (var rs = metadata.getIndexInfo(null, null, name, false, false)) {
                    while (rs.next()) {
                        indexes.add(rs.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT) + "("
                                + String.valueOf(rs.getString("COLUMN_NAME")).toLowerCase(java.util.Locale.ROOT) + ")");
                    }
                }
            }
        }
        return indexes;
    }

    @Test
    void fundersAndLatePaymentRatesAreSeeded_O1_L1() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM funder WHERE kind = 'OPCO'").query(Long.class).single()).isEqualTo(11L);
        assertThat(jdbc.sql("SELECT rate FROM interest_rate WHERE kind = 'ECB_MAIN_REFINANCING' AND valid_from = DATE '2025-06-11'")
                .query(BigDecimal.class).single()).isEqualByComparingTo("0.0215");
    }

    @Test
    void aContractWhoseGrossIsNotNetPlusVatIsRefusedByTheDatabase() {
        long client = jdbc.sql("SELECT MIN(id) FROM funder").query(Long.class).single(); // any id, the check fires first
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO contract (number, cgv_edition, stage, client_id, training_id, modality, starts_on, ends_on,
                  price_net, vat_rate, vat_amount, price_gross, quote_issued_on, quote_valid_until)
                VALUES ('X-CHECK', 'CGV_2025', 'QUOTE_SENT', ?, 1, 'ON_SITE', DATE '2027-01-04', DATE '2027-01-05',
                  100.00, 0.2000, 20.00, 121.00, DATE '2026-12-01', DATE '2026-12-31')""").param(client).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aBankReferenceIsRecordedOnce() {
        jdbc.sql("INSERT INTO payment (external_reference, amount, received_on, source) VALUES ('BANK-REF-UNIQUE-1', 10.00, DATE '2026-11-23', 'API')")
                .update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO payment (external_reference, amount, received_on, source) VALUES ('BANK-REF-UNIQUE-1', 10.00, DATE '2026-11-23', 'API')")
                .update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void moneyIsExactDecimal() {
        assertThat(jdbc.sql("SELECT numeric_scale FROM information_schema.columns WHERE LOWER(table_name) = 'invoice' AND LOWER(column_name) = 'gross'")
                .query(Integer.class).single()).isEqualTo(2);
    }
}
