package fr.lexom.contracts.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** E1 (issue 23, item 4): contracts brought to their evaluations, the links their letters carry, answers posted. */
public abstract class EvaluationSupport extends ProcessTestSupport {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/p/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+/evaluation/(chaud|froid))");

    @Autowired
    protected TestRestTemplate rest;

    /**
     * Signed, deposit paid, convened, started, online signing closed (the clock at that instant, the last day's end
     * plus the countersignature grace): the hot letter's job is next.
     */
    protected ProcessInstance contractAtHotLetter(Map<String, Object> form) {
        ProcessInstance instance = acceptedContract(form);
        payInTask(instance, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        fireTimer(instance, "Timer_ConvocationDue");
        fireTimer(instance, "Timer_TrainingStarts");
        Job closing = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Timer_SigningClosed").timers().singleResult();
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(closing.getDuedate());
        engine.getManagementService().executeJob(closing.getId());
        return instance;
    }

    /** Coordination enters the attendance as pre-filled (after the hot letter, E1): certificates and invoices follow. */
    protected void recordAttendance(ProcessInstance instance) {
        enterAttendance(instance, false);
    }

    /** The asynchronous job waiting before {@code activityId}, executed alone. */
    protected void executeJobOf(ProcessInstance instance, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
        if (job == null) {
            throw new AssertionError("No job waiting at " + activityId);
        }
        engine.getManagementService().executeJob(job.getId());
    }

    /** The participants of a contract, in their order on the quote. */
    protected List<Long> participantIds(String number) {
        return jdbc.sql("SELECT p.id FROM participant p JOIN contract c ON c.id = p.contract_id WHERE c.number = ? ORDER BY p.position")
                .param(number).query(Long.class).list();
    }

    /** The path of the evaluation link in the participant's {@code letter} (hot-evaluation, cold-evaluation). */
    protected String linkIn(String letter, String number, long participantId) {
        List<String> bodies = jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ? AND letter = ? AND dedup_key LIKE ?")
                .params(number, letter, "%/participant-" + participantId).query(String.class).list();
        if (bodies.size() != 1) {
            throw new AssertionError(bodies.size() + " " + letter + " letters for participant " + participantId);
        }
        Matcher link = LINK.matcher(bodies.get(0));
        if (!link.find()) {
            throw new AssertionError("No evaluation link in " + bodies.get(0));
        }
        return link.group(1);
    }

    /** A form submitted as a browser does ({@code application/x-www-form-urlencoded}), its body as given. */
    protected ResponseEntity<String> submit(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(HttpHeaders.USER_AGENT, "Mozilla/5.0 (test) " + "x".repeat(600));
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body.getBytes(StandardCharsets.US_ASCII), headers), String.class);
    }

    /** A complete hot answer: every objective (1..n) at {@code level}, the four satisfactions, a comment. */
    protected String hotAnswer(long participantId, int level, int content, int trainer, int organisation, int pace, String comment) {
        StringBuilder body = new StringBuilder();
        for (Integer position : objectivePositions(participantId)) {
            body.append("objective-").append(position).append('=').append(level).append('&');
        }
        return body.append("content=").append(content).append("&trainer=").append(trainer).append("&organisation=")
                .append(organisation).append("&pace=").append(pace).append("&comment=")
                .append(java.net.URLEncoder.encode(comment, StandardCharsets.UTF_8)).toString();
    }

    protected List<Integer> objectivePositions(long participantId) {
        return jdbc.sql("""
                SELECT o.position FROM training_objective o JOIN contract c ON c.training_id = o.training_id
                JOIN participant p ON p.contract_id = c.id WHERE p.id = ? ORDER BY o.position""")
                .param(participantId).query(Integer.class).list();
    }

    protected long answers(long participantId) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_answer WHERE participant_id = ?").param(participantId)
                .query(Long.class).single();
    }
}
