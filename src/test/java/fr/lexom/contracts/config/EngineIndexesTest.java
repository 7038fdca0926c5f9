package fr.lexom.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The app's indexes on the engine's tables, created after the engine's schema (PostgreSQL only). */
@IntegrationTest
class EngineIndexesTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theEngineHistoryIsIndexedByVariableValueOnPostgres() {
        assumeTrue(TestDatabase.isPostgres(), "PostgreSQL only: the embedded H2 database is a demo");
        assertThat(jdbc.sql("""
                SELECT i.indexname FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
                JOIN pg_index x ON x.indexrelid = c.oid
                WHERE i.tablename = 'act_hi_varinst' AND i.indexname = 'lexom_hi_varinst_contract' AND x.indisvalid""")
                .query(String.class).list()).containsExactly("lexom_hi_varinst_contract");
    }
}
