package fr.lexom.contracts.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the browser tests only where Debian's Chromium and its driver are installed; otherwise they are skipped
 * with the reason (no test tool may download a browser of its own). .ci/run installs both and fails a run that
 * skipped them.
 */
public class BrowserAvailable implements ExecutionCondition {

    static final Path CHROMIUM = Path.of(System.getProperty("lexom.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("lexom.test.chromedriver", "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium at " + CHROMIUM + ", driver at " + CHROMEDRIVER);
        }
        return ConditionEvaluationResult.disabled("Browser tests SKIPPED: no executable " + CHROMIUM + " or "
                + CHROMEDRIVER + ". Install Debian's packages (apt-get install chromium chromium-driver), "
                + "or run .ci/run which does.");
    }
}
