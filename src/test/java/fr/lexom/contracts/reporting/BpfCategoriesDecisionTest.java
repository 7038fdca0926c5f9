package fr.lexom.contracts.reporting;

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

/**
 * bpmn/decisions/bpf-categories.dmn (issue 24): every client kind and funder kind lands in the BPF line and trainee
 * category the README's table gives, fees never being asked (O5).
 */
class BpfCategoriesDecisionTest {

    static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    static final DmnDecision REVENUE = parse(BpfCategories.REVENUE_LINE);
    static final DmnDecision TRAINEE = parse(BpfCategories.TRAINEE_CATEGORY);

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            // an invoice to the client counts by the client's kind, whatever the funder of the rest
            "CLIENT, LEGAL_ENTITY, NONE,           C-1",
            "CLIENT, LEGAL_ENTITY, OPCO,           C-1",
            "CLIENT, PUBLIC_BODY,  NONE,           C-3",
            "CLIENT, INDIVIDUAL,   NONE,           C-9",
            "CLIENT, INDIVIDUAL,   FRANCE_TRAVAIL, C-9",
            // an invoice to a funder counts by the funder's kind, whoever the client
            "FUNDER, LEGAL_ENTITY, OPCO,           C-2h",
            "FUNDER, PUBLIC_BODY,  OPCO,           C-2h",
            "FUNDER, INDIVIDUAL,   FAF,            C-2g",
            "FUNDER, LEGAL_ENTITY, STATE,          C-5",
            "FUNDER, LEGAL_ENTITY, REGION,         C-6",
            "FUNDER, INDIVIDUAL,   FRANCE_TRAVAIL, C-7",
            "FUNDER, INDIVIDUAL,   AGEFIPH,        C-8",
            "FUNDER, PUBLIC_BODY,  FIPHFP,         C-8",
            "FUNDER, LEGAL_ENTITY, OTHER,          C-11"})
    void revenueLine(String payer, String clientKind, String funderKind, String line) {
        assertThat((String) ENGINE.evaluateDecisionTable(REVENUE, Map.of("payer", payer, "clientKind", clientKind,
                "funderKind", funderKind)).getFirstResult().getEntry("line")).isEqualTo(line);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "LEGAL_ENTITY, NONE,           PRIVATE_EMPLOYEES",
            "LEGAL_ENTITY, OPCO,           PRIVATE_EMPLOYEES",
            "LEGAL_ENTITY, FRANCE_TRAVAIL, JOB_SEEKERS",
            "INDIVIDUAL,   FRANCE_TRAVAIL, JOB_SEEKERS",
            "INDIVIDUAL,   NONE,           INDIVIDUALS",
            "INDIVIDUAL,   FAF,            OTHERS",
            "INDIVIDUAL,   AGEFIPH,        OTHERS",
            "PUBLIC_BODY,  NONE,           PUBLIC_AGENTS",
            "PUBLIC_BODY,  FIPHFP,         PUBLIC_AGENTS"})
    void traineeCategory(String clientKind, String funderKind, TraineeCategory category) {
        assertThat(TraineeCategory.valueOf(ENGINE.evaluateDecisionTable(TRAINEE, Map.of("clientKind", clientKind,
                "funderKind", funderKind)).getFirstResult().getEntry("category"))).isEqualTo(category);
    }

    private static DmnDecision parse(String key) {
        try (InputStream in = Files.newInputStream(Path.of("bpmn/decisions/bpf-categories.dmn"))) {
            return ENGINE.parseDecision(key, in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
