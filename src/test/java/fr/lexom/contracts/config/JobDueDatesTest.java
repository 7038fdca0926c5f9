package fr.lexom.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.ProcessTestSupport;
import fr.lexom.contracts.support.QuoteForms;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every job has a due date, so that the job executor's acquisition reads the due-date index alone (JobDueDates,
 * docs/performance.md "Timer burst"); a job written without one, before the setting, is given one at start.
 */
@IntegrationTest
class JobDueDatesTest extends ProcessTestSupport {

    @Autowired
    JobDueDates jobDueDates;

    @Test
    void anAsynchronousStepIsDueWhenItIsCreated() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isEnsureJobDueDateNotNull()).isTrue();
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));

        assertThat(instance).isWaitingAt("Task_SendQuote");
        Job send = sendQuoteJob(instance);
        assertThat(send.getDuedate()).isNotNull().isBeforeOrEqualTo(ClockUtil.now());
    }

    @Test
    void aJobWrittenWithoutDueDateIsDueAtStartThenRuns() {
        ProcessInstance instance = startQuote(QuoteForms.company(today().plusMonths(2)));
        Job send = sendQuoteJob(instance);
        // as an earlier version of the app wrote it: the job executor would never acquire it now
        jdbc.sql("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?").param(send.getId()).update();

        assertThat(jobDueDates.dateJobsWithoutDueDate("")).isEqualTo(1);

        assertThat(sendQuoteJob(instance).getDuedate()).isNotNull().isBeforeOrEqualTo(ClockUtil.now());
        assertThat(jobDueDates.dateJobsWithoutDueDate("")).isZero();
        executeDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_RecordSignature");
    }

    private Job sendQuoteJob(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_SendQuote").singleResult();
    }
}
