package fr.lexom.contracts.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Chooses the database of the integration tests, before any Spring context starts.
 *
 * <p>{@code -Dlexom.test.database=h2} (default): in-memory H2. {@code postgres}: once per JVM, drops and
 * creates the database named by {@code lexom.test.postgres.url} and points the test profile at it (with
 * {@code -Dlexom.test.postgres.reuse=true}, keeps it when it exists: benchmarks that measure again on seeded data). When no
 * PostgreSQL answers, the tests are skipped with the reason; .ci/run fails a run that skipped them.
 */
public class TestDatabase implements ExecutionCondition {

    private static volatile ConditionEvaluationResult result;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!isPostgres()) {
            return ConditionEvaluationResult.enabled("H2 in memory");
        }
        if (result == null) {
            synchronized (TestDatabase.class) {
                if (result == null) {
                    result = preparePostgres();
                }
            }
        }
        return result;
    }

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("lexom.test.database"));
    }

    private static ConditionEvaluationResult preparePostgres() {
        String url = System.getProperty("lexom.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/lexom_test");
        String user = System.getProperty("lexom.test.postgres.username", "postgres");
        String password = System.getProperty("lexom.test.postgres.password", "");
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("Test database name must be [a-z0-9_]+: " + database);
        }
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            boolean exists;
            try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            if (exists && Boolean.getBoolean("lexom.test.postgres.reuse")) {
                // a benchmark measuring again on the database an earlier run seeded (HistoryBenchmark)
                System.setProperty("lexom.test.datasource.url", url);
                System.setProperty("lexom.test.datasource.username", user);
                System.setProperty("lexom.test.datasource.password", password);
                return ConditionEvaluationResult.enabled("PostgreSQL database " + database + " reused at " + adminUrl);
            }
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            return ConditionEvaluationResult.disabled("PostgreSQL tests SKIPPED: no PostgreSQL at " + adminUrl
                    + " (" + e.getMessage() + "). Start it, or run .ci/run which does.");
        }
        System.setProperty("lexom.test.datasource.url", url);
        System.setProperty("lexom.test.datasource.username", user);
        System.setProperty("lexom.test.datasource.password", password);
        return ConditionEvaluationResult.enabled("PostgreSQL database " + database + " created at " + adminUrl);
    }
}
