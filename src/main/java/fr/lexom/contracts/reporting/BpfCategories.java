package fr.lexom.contracts.reporting;

import fr.lexom.contracts.process.AsSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Which BPF line and trainee category a contract's facts fall in: the DMN tables of {@code bpf-categories.dmn}
 * (bpmn/decisions), so that the mapping of client kinds and funders to the form's categories is data that managers
 * change by deploying a new version of the table, without code (issue 24, item 3). The latest deployed version
 * answers. A report only reads: the deployed table is evaluated by a DMN engine of its own, which writes no decision
 * history (a report runs in a read-only transaction and would otherwise leave a history row per question); its
 * answers are kept per version (a report asks the same few questions again and again).
 */
@Component
public class BpfCategories {

    static final String REVENUE_LINE = "bpf-revenue-line";
    static final String TRAINEE_CATEGORY = "bpf-trainee-category";
    /** The funder kind of a contract without a funder, as the tables read it. */
    static final String NO_FUNDER = "NONE";

    private final RepositoryService repository;
    private final AsSystem asSystem;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    BpfCategories(RepositoryService repository, AsSystem asSystem) {
        this.repository = repository;
        this.asSystem = asSystem;
    }

    /** The versions of the two tables that answer now (one read each, at the start of a report). */
    public Tables current() {
        return asSystem.run(() -> new Tables(latest(REVENUE_LINE), latest(TRAINEE_CATEGORY)));
    }

    /** The two tables of one report: the same versions for every question of the report. */
    public final class Tables {
        private final DecisionDefinition revenue;
        private final DecisionDefinition trainee;

        private Tables(DecisionDefinition revenue, DecisionDefinition trainee) {
            this.revenue = revenue;
            this.trainee = trainee;
        }

        /** The line of frame C where a training invoice to {@code payer} ("CLIENT" or "FUNDER") counts. */
        public String revenueLine(String payer, String clientKind, String funderKind) {
            return answer(revenue, "line", Map.of("payer", payer, "clientKind", clientKind,
                    "funderKind", funderKind == null ? NO_FUNDER : funderKind));
        }

        /** The trainee category (frame F-1) of a contract's participants. */
        public TraineeCategory traineeCategory(String clientKind, String grantedFunderKind) {
            return TraineeCategory.valueOf(answer(trainee, "category", Map.of("clientKind", clientKind,
                    "funderKind", grantedFunderKind == null ? NO_FUNDER : grantedFunderKind)));
        }

        /** « bpf-revenue-line v3, bpf-trainee-category v1 »: which tables the report read. */
        public String versions() {
            return REVENUE_LINE + " v" + revenue.getVersion() + ", " + TRAINEE_CATEGORY + " v" + trainee.getVersion();
        }
    }

    private String answer(DecisionDefinition table, String output, Map<String, Object> inputs) {
        String key = table.getId() + inputs;
        return answers.computeIfAbsent(key, k -> {
            var result = dmn.evaluateDecisionTable(decision(table), inputs);
            if (result.isEmpty() || result.getFirstResult().getEntry(output) == null) {
                throw new IllegalStateException(table.getKey() + " v" + table.getVersion() + " has no answer for " + inputs);
            }
            return result.getFirstResult().<String>getEntry(output);
        });
    }

    private DmnDecision decision(DecisionDefinition table) {
        return parsed.computeIfAbsent(table.getId(), id -> asSystem.run(() -> {
            try (InputStream model = repository.getDecisionModel(id)) {
                return dmn.parseDecision(table.getKey(), model);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    private DecisionDefinition latest(String key) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
                .singleResult();
        if (definition == null) {
            throw new IllegalStateException("Decision table " + key + " is not deployed (bpmn/decisions/bpf-categories.dmn)");
        }
        return definition;
    }
}
