package fr.lexom.contracts.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** The quote phase of training-contract: Q1, Q2, S1 per edition, S2, W1 waiver; every timer fired as a job. */
@IntegrationTest
class QuoteProcessTest extends ProcessTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    DateOnlyVariables dateOnlyVariables;

    @Test
    void quoteIsNumberedStoredAndSentToTheClient_Q1_Q2() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));

        assertThat(instance.getBusinessKey()).matches("DEV-\\d{4}-\\d{5}");
        assertThat(instance).isWaitingAt("Task_SendQuote");
        executeDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_RecordSignature");
        assertThat(task()).hasCandidateGroup("sales");

        String number = contractNumber(instance);
        assertThat(number).isEqualTo(instance.getBusinessKey());
        Map<String, Object> row = jdbc.sql("SELECT price_net, vat_amount, price_gross, quote_valid_until, stage FROM contract WHERE number = ?")
                .param(number).query().singleRow();
        assertThat((BigDecimal) row.get("price_net")).isEqualByComparingTo("2400.00");
        assertThat((BigDecimal) row.get("vat_amount")).isEqualByComparingTo("480.00");
        assertThat((BigDecimal) row.get("price_gross")).isEqualByComparingTo("2880.00");
        assertThat(row.get("quote_valid_until").toString()).isEqualTo(today().plusDays(30).toString());
        assertThat(row.get("stage")).isEqualTo("QUOTE_SENT");
        assertThat(lettersOf(number)).containsExactly("quote");
        // the process keeps references, not the client's data
        assertThat(instance).hasVariables("contractNumber", "cgvEdition", "clientKind", "quoteExpiresAt");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "clientEmail")).isNull();
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "participants")).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.number = ?")
                .param(number).query(Long.class).single()).isEqualTo(2L);
        // the form's client kind and start date stay the same variables (not removed and created again): one
        // history entry each; both were left as the form gave them (the start date is a day, "yyyy-MM-dd", not an instant)
        var history = engine.getHistoryService();
        for (String kept : new String[] {"clientKind", "startDate"}) {
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(kept).count())
                    .as(kept).isEqualTo(1);
        }
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "startDate"))
                .isEqualTo(today().plusMonths(2).toString());
        assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list())
                .filteredOn(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName().equals("clientKind"))
                .hasSize(1);
    }

    @Test
    void unansweredQuoteIsRemindedSevenDaysBeforeThenExpiresAfter30Days_Q1() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        String number = contractNumber(instance);
        LocalDate validUntil = today().plusDays(30);

        Job reminder = timer(instance, "Timer_QuoteExpiryReminder");
        assertThat(reminder.getDuedate()).isEqualTo(parisTime(validUntil.minusDays(7), LocalTime.of(9, 0)));
        Job validity = timer(instance, "Timer_QuoteValidity");
        assertThat(validity.getDuedate()).isEqualTo(parisTime(validUntil.plusDays(1), LocalTime.MIDNIGHT));

        fireTimer(instance, "Timer_QuoteExpiryReminder");
        assertThat(instance).isWaitingAt("Task_RecordSignature");
        assertThat(lettersOf(number)).containsExactly("quote", "quote-expiry-reminder");

        // the validity timer's own job expires the quote and queues its mail: one transaction, no second job
        ClockUtil.setCurrentTime(validity.getDuedate());
        engine.getManagementService().executeJob(validity.getId());
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(instance).isEnded().hasPassed("Task_ExpireQuote", "Task_SendQuoteExpired", "EndEvent_QuoteExpired");
        assertThat(stageOf(number)).isEqualTo("EXPIRED");
        assertThat(lettersOf(number)).containsExactly("quote", "quote-expiry-reminder", "quote-expired");
    }

    @Test
    void signedQuoteMakesTheOrderFirmAndIsAcknowledged_S1_2025_S2() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        String number = contractNumber(instance);

        completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "ELECTRONIC_SIGNATURE"));
        executeDueJobs(instance);

        assertThat(instance).hasPassed("Task_RecordAcceptance", "Task_SendAcceptanceAcknowledgement")
                .isWaitingAt("Task_CollectDeposit");
        assertThat(lettersOf(number)).containsExactly("quote", "acceptance-acknowledgement", "deposit-request");
        assertThat(jdbc.sql("SELECT detail FROM contract_event c JOIN contract k ON k.id = c.contract_id WHERE k.number = ? AND kind = 'QUOTE_ACCEPTED'")
                .param(number).query(String.class).single()).contains("signature électronique (S1-2025)");
    }

    @Test
    void legacyQuoteNeedsBonPourAccordAndSignedCgv_S1_LEGACY() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        form.put("cgvEdition", "CGV_LEGACY");
        ProcessInstance instance = startQuote(form);
        executeDueJobs(instance);
        String number = contractNumber(instance);

        Map<String, Object> withoutMark = new HashMap<>(Map.of("signedOn", today().toString(),
                "acceptanceMark", false, "cgvSigned", true));
        assertThatThrownBy(() -> completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales", withoutMark))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("BON POUR ACCORD");
        assertThat(instance).isWaitingAt("Task_RecordSignature");

        completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceMark", true, "cgvSigned", true));
        executeDueJobs(instance);
        assertThat(instance).hasPassed("Task_RecordAcceptance").isWaitingAt("Task_CollectDeposit");
        assertThat(stageOf(number)).isEqualTo("AWAITING_DEPOSIT");
    }

    @Test
    void earlyStartWaiverIsKeptOnlyForAnIndividualUnder2025_W1() {
        ProcessInstance individual = startQuote(QuoteForms.individual(today().plusMonths(2)));
        executeDueJobs(individual);
        String individualNumber = contractNumber(individual);
        completeTask(individual, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE", "earlyStartWaiver", true));
        assertThat(waiver(individualNumber)).isTrue();

        ProcessInstance company = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(company);
        String companyNumber = contractNumber(company);
        completeTask(company, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().toString(), "acceptanceDocument", "SIGNED_QUOTE", "earlyStartWaiver", true));
        assertThat(waiver(companyNumber)).isFalse();
    }

    @Test
    void signatureDatedInTheFutureIsRefused_S1() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        executeDueJobs(instance);
        assertThatThrownBy(() -> completeTask(instance, "Task_RecordSignature", TestUsers.SALES, "sales",
                Map.of("signedOn", today().plusDays(1).toString(), "acceptanceDocument", "SIGNED_QUOTE")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ne peut pas être dans le futur");
        assertThat(instance).isWaitingAt("Task_RecordSignature");
    }

    @Test
    void impossibleQuoteIsRefusedInFrenchAndNothingIsStored_Q2() {
        long contractsBefore = jdbc.sql("SELECT COUNT(*) FROM contract").query(Long.class).single();
        long instancesBefore = engine.getRuntimeService().createProcessInstanceQuery().count();
        Map<String, Object> form = QuoteForms.company(today().minusDays(1));
        form.put("priceNet", "-5");
        form.put("clientEmail", "pas-une-adresse");

        assertThatThrownBy(() -> startQuote(form))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("La date de début ne peut pas être dans le passé")
                .hasMessageContaining("Montant invalide pour le prix HT")
                .hasMessageContaining("L'adresse e-mail du client n'est pas valide");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM contract").query(Long.class).single()).isEqualTo(contractsBefore);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    private boolean waiver(String number) {
        return jdbc.sql("SELECT early_start_waiver FROM contract WHERE number = ?").param(number).query(Boolean.class).single();
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).timers().singleResult();
    }

    private static Date parisTime(LocalDate day, LocalTime time) {
        return Date.from(day.atTime(time).atZone(PARIS).toInstant());
    }

    /**
     * The signature day and the start day are days ("yyyy-MM-dd") on the process, as in the contract; a contract
     * started before, with Dates at midnight in Paris, gets them rewritten as the same days at the next start.
     */
    @Test
    void signatureAndStartDaysAreDays_andDatesOfOlderContractsAreRewrittenAsTheirDayInParis() {
        LocalDate start = today().plusMonths(2);
        ProcessInstance instance = acceptedContract(QuoteForms.company(start));
        var runtime = engine.getRuntimeService();
        assertThat(runtime.getVariable(instance.getId(), "signedOn")).isEqualTo(today().toString());
        assertThat(runtime.getVariable(instance.getId(), "startDate")).isEqualTo(start.toString());
        assertThat(runtime.getVariable(instance.getId(), "startsAt")).as("the timers' instants stay Dates").isInstanceOf(Date.class);

        // as the code before wrote them: midnight in Paris (23:00 or 22:00 the day before in UTC)
        runtime.setVariable(instance.getId(), "signedOn", Date.from(today().atStartOfDay(PARIS).toInstant()));
        runtime.setVariable(instance.getId(), "startDate", Date.from(start.atStartOfDay(PARIS).toInstant()));
        assertThat(dateOnlyVariables.rewriteDatesAsDays()).isGreaterThanOrEqualTo(2);
        assertThat(runtime.getVariable(instance.getId(), "signedOn")).isEqualTo(today().toString());
        assertThat(runtime.getVariable(instance.getId(), "startDate")).isEqualTo(start.toString());
        assertThat(dateOnlyVariables.rewriteDatesAsDays()).as("nothing left to rewrite").isZero();
    }
}
