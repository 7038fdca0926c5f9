package fr.lexom.contracts.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/decisions/client-request-fee.dmn at every boundary of the rulebook, both editions (C1, C2, C3, D3). */
class ClientRequestFeeDecisionTest {

    static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    static final DmnDecision DECISION = parse();

    @ParameterizedTest(name = "{0} {1} started={2} days={3} deposit={4} within6m={5} -> {6} {7}% {8}")
    @CsvSource(nullValues = "-", value = {
            // C1-2025: 30 calendar days is the threshold, whether or not a deposit was paid
            "CGV_2025,   CANCELLATION, false, 30, true,  -,     PERCENT,       30,  C1-2025",
            "CGV_2025,   CANCELLATION, false, 29, true,  -,     FULL,          100, C1-2025",
            "CGV_2025,   CANCELLATION, false, 90, false, -,     PERCENT,       30,  C1-2025",
            "CGV_2025,   CANCELLATION, true,  -2, true,  -,     FULL,          100, C1-2025",
            // C2-2025: a postponement never costs more than a cancellation on the same day (the same table is its cap)
            "CGV_2025,   POSTPONEMENT, false, 30, true,  -,     PERCENT,       30,  C1-2025",
            "CGV_2025,   POSTPONEMENT, false, 29, false, -,     FULL,          100, C1-2025",
            // C1-LEGACY: 15 days is the threshold; the deposit is kept, nothing more
            "CGV_LEGACY, CANCELLATION, false, 15, true,  -,     DEPOSIT_KEPT,  30,  C1-LEGACY",
            "CGV_LEGACY, CANCELLATION, false, 14, true,  -,     FULL,          100, C1-LEGACY",
            "CGV_LEGACY, CANCELLATION, true,  0,  true,  -,     FULL,          100, C1-LEGACY",
            // D3-LEGACY: signed documents without the deposit, then renounced: the cost of the proposal
            "CGV_LEGACY, CANCELLATION, false, 40, false, -,     PROPOSAL_COST, 0,   D3-LEGACY",
            "CGV_LEGACY, CANCELLATION, false, 3,  false, -,     PROPOSAL_COST, 0,   D3-LEGACY",
            // C2-LEGACY: rescheduled within 6 months of the order (to the day) keeps the deposit; one day over, full price
            "CGV_LEGACY, POSTPONEMENT, false, 20, true,  true,  DEPOSIT_KEPT,  30,  C2-LEGACY",
            "CGV_LEGACY, POSTPONEMENT, false, 20, true,  false, FULL,          100, C2-LEGACY",
            "CGV_LEGACY, POSTPONEMENT, true,  -1, true,  true,  FULL,          100, C2-LEGACY"})
    void feeOfAClientRequest(String edition, String kind, boolean started, int days, boolean depositPaid, Boolean withinSixMonths,
                             String basis, int percent, String rule) {
        java.util.HashMap<String, Object> variables = new java.util.HashMap<>(Map.of("cgvEdition", edition, "requestKind", kind,
                "started", started, "daysBeforeStart", days, "depositPaid", depositPaid));
        variables.put("withinSixMonths", withinSixMonths);
        org.camunda.bpm.dmn.engine.DmnDecisionRuleResult result = ENGINE.evaluateDecisionTable(DECISION, variables).getSingleResult();
        assertThat((String) result.getEntry("feeBasis")).isEqualTo(basis);
        assertThat(((Number) result.getEntry("feePercent")).intValue()).isEqualTo(percent);
        assertThat((String) result.getEntry("ruleId")).isEqualTo(rule);
    }

    private static DmnDecision parse() {
        try (InputStream in = Files.newInputStream(Path.of("bpmn/decisions/client-request-fee.dmn"))) {
            return ENGINE.parseDecision("client-request-fee", in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
