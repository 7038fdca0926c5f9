package fr.lexom.contracts.participant;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.documents.PdfText;
import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.security.TextRules;
import fr.lexom.contracts.support.EvaluationSupport;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** E1 (issue 23, item 4): the hot and cold evaluations, collected on the participants' pages. */
@IntegrationTest
class EvaluationPagesTest extends EvaluationSupport {

    @Autowired
    ParticipantLinks links;
    @Autowired
    HalfDays halfDays;
    @Autowired
    EvaluationInvitations invitations;
    @Autowired
    EvaluationOffers offers;
    @Autowired
    EvaluationProperties properties;

    record Started(ProcessInstance instance, String number, LocalDate endsOn, List<Long> participants) {
    }

    private Started atHotLetter() {
        Map<String, Object> form = QuoteForms.company(today().plusMonths(2));
        ProcessInstance instance = contractAtHotLetter(form);
        String number = contractNumber(instance);
        LocalDate endsOn = LocalDate.parse((String) form.get("endDate"));
        return new Started(instance, number, endsOn, participantIds(number));
    }

    @Test
    void theHotLettersJobWritesEachInvitationOnce_keepsOneAlreadyWritten_andItsLinkExpiresWhenTheEvaluationCloses_E1() {
        Started c = atHotLetter();
        long anne = c.participants().get(0);
        long luc = c.participants().get(1);
        // Luc's invitation was written by an earlier run of the job (a retry after its commit, another node)
        Instant earlier = now().minus(Duration.ofHours(1));
        Instant earlierCloses = earlier.plus(Duration.ofDays(12));
        jdbc.sql("INSERT INTO evaluation_invitation (participant_id, kind, sent_at, closes_at) VALUES (?, 'HOT', ?, ?)")
                .params(luc, OffsetDateTime.ofInstant(earlier, PARIS), OffsetDateTime.ofInstant(earlierCloses, PARIS)).update();
        Instant sent = now();

        executeJobOf(c.instance(), "Task_SendHotEvaluation");

        assertThat(invitationCount(anne, "HOT")).isEqualTo(1);
        assertThat(invitations.find(anne, EvaluationKind.HOT).orElseThrow())
                .isEqualTo(new EvaluationInvitations.Invitation(sent, sent.plus(properties.hotWindow())));
        assertThat(invitationCount(luc, "HOT")).as("never two rows").isEqualTo(1);
        assertThat(invitations.find(luc, EvaluationKind.HOT).orElseThrow()).as("nor the first one changed")
                .isEqualTo(new EvaluationInvitations.Invitation(earlier, earlierCloses));
        assertThat(invitationCount(anne, "COLD")).isZero();
        // run again later (the job once more): the same invitation, the same link
        ClockUtil.setCurrentTime(Date.from(sent.plus(Duration.ofHours(2))));
        assertThat(invitations.invite(anne, EvaluationKind.HOT).closesAt()).isEqualTo(sent.plus(properties.hotWindow()));
        assertThat(invitationCount(anne, "HOT")).isEqualTo(1);

        // the letter's link is the participant's own, valid until the evaluation closes
        String anneLink = linkIn("hot-evaluation", c.number(), anne);
        String token = tokenOf(anneLink);
        Instant closes = sent.plus(properties.hotWindow());
        assertThat(links.open(token, Purpose.PARTICIPANT, closes.minusSeconds(1)).id()).isEqualTo(anne);
        assertThat(links.open(tokenOf(linkIn("hot-evaluation", c.number(), luc)), Purpose.PARTICIPANT, now()).expiresAt())
                .isEqualTo(earlierCloses);

        // after closes_at: closed (410), with the date; the letter's own link has expired with it
        String longLived = "/p/" + links.token(anne, Purpose.PARTICIPANT, closes.plus(Duration.ofDays(30))) + "/evaluation/chaud";
        ClockUtil.setCurrentTime(Date.from(closes));
        ResponseEntity<String> closed = rest.getForEntity(longLived, String.class);
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(closed.getBody()).contains("L&#39;évaluation est close depuis le");
        ResponseEntity<String> late = submit(longLived, hotAnswer(anne, 4, 4, 4, 4, 4, ""));
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(answers(anne)).isZero();
        ResponseEntity<String> expired = rest.getForEntity(anneLink, String.class);
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(expired.getBody()).contains("Ce lien a expiré");
        assertThat(offers.openFor(anne, now())).isEmpty();
    }

    @Test
    void theHotPageListsTheObjectives_opensAtTheLastHalfDay_storesOneAnswerWithItsEvidence_andTheCertificateCitesIt_E1() {
        Started c = atHotLetter();
        long anne = c.participants().get(0);
        executeJobOf(c.instance(), "Task_SendHotEvaluation");
        String path = linkIn("hot-evaluation", c.number(), anne);

        // before the last half-day (the letter leaves once signing is closed; the participant's page offers the
        // evaluation from the last half-day on): not open yet (409), with the moment it opens
        ClockUtil.setCurrentTime(Date.from(halfDays.lastHalfDayStarts(c.endsOn()).minusSeconds(60)));
        ResponseEntity<String> early = rest.getForEntity(path, String.class);
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody()).contains("L&#39;évaluation à chaud ouvrira le", "13h30");
        assertThat(submit(path, hotAnswer(anne, 4, 4, 4, 4, 4, "")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answers(anne)).isZero();
        assertThat(offers.openFor(anne, now())).isEmpty();

        ClockUtil.setCurrentTime(Date.from(halfDays.lastHalfDayStarts(c.endsOn())));
        assertThat(offers.openFor(anne, now())).containsExactly(new EvaluationOffers.Offer("Évaluation à chaud", "evaluation/chaud"));
        ResponseEntity<String> page = rest.getForEntity(path, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(ParticipantHtml.POLICY).contains("default-src 'none'");
        assertThat(page.getHeaders().getFirst("X-Robots-Tag")).contains("noindex");
        List<String> objectives = jdbc.sql("""
                SELECT o.text FROM training_objective o JOIN contract c ON c.training_id = o.training_id WHERE c.number = ?
                ORDER BY o.position""").param(c.number()).query(String.class).list();
        assertThat(objectives).isNotEmpty();
        String body = page.getBody();
        int at = 0;
        for (String objective : objectives) { // every objective, in the order of the training's page
            int found = body.indexOf("<legend>" + objective.replace("'", "&#39;") + "</legend>", at);
            assertThat(found).as("objective %s in order", objective).isGreaterThan(at);
            at = found;
        }
        assertThat(body).contains("lang=\"fr\"", "1 : pas atteint", "5 : pleinement atteint", "<fieldset",
                "<label class=\"choice\" for=\"content-4\">", "<label class=\"text\" for=\"comment\">")
                .doesNotContain("<script", "€", "Transports Vivarais");

        ResponseEntity<String> stored = submit(path, hotAnswer(anne, 4, 5, 4, 3, 2, "Très utile ; merci !"));
        assertThat(stored.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stored.getBody()).contains("Merci, votre réponse a été enregistrée");
        Map<String, Object> row = upper(jdbc.sql("SELECT * FROM evaluation_answer WHERE participant_id = ?").param(anne).query().singleRow());
        assertThat(row).containsEntry("KIND", "HOT").containsEntry("COMMENT", "Très utile ; merci !")
                .containsEntry("LINK_FINGERPRINT", ParticipantLinks.fingerprint(tokenOf(path)))
                .containsEntry("CLIENT_ADDRESS", "127.0.0.1");
        assertThat(((Number) row.get("CONTENT_RATING")).intValue()).isEqualTo(5);
        assertThat(((Number) row.get("PACE_RATING")).intValue()).isEqualTo(2);
        assertThat((String) row.get("USER_AGENT")).hasSize(500).startsWith("Mozilla/5.0 (test)");
        assertThat(jdbc.sql("SELECT o.objective, o.level FROM evaluation_objective o JOIN evaluation_answer a ON a.id = o.answer_id"
                + " WHERE a.participant_id = ? ORDER BY o.position").param(anne)
                .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2)).list())
                .containsExactlyElementsOf(objectives.stream().map(o -> o + "=4").toList());
        assertThat(offers.openFor(anne, now())).as("answered: no longer offered").isEmpty();

        // a second answer: thanked, nothing more stored nor changed
        ResponseEntity<String> again = submit(path, hotAnswer(anne, 1, 1, 1, 1, 1, "autre"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("Merci, votre réponse a déjà été enregistrée");
        assertThat(answers(anne)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT comment FROM evaluation_answer WHERE participant_id = ?").param(anne).query(String.class).single())
                .isEqualTo("Très utile ; merci !");
        assertThat(rest.getForEntity(path, String.class).getBody()).contains("Merci, votre réponse a déjà été enregistrée");

        // the certificate, made after the answer, cites Anne's self-assessment; Luc, without an answer, has none
        recordAttendance(c.instance());
        executeDueJobs(c.instance());
        String anneLetter = letterOf("completion-certificate", c.number(), anne);
        for (String objective : objectives) {
            assertThat(anneLetter).contains("- " + objective + " — Auto-évaluation du participant : 4/5");
        }
        assertThat(letterOf("completion-certificate", c.number(), c.participants().get(1))).doesNotContain("Auto-évaluation");
        byte[] pdf = jdbc.sql("SELECT content FROM document WHERE dedup_key = ?")
                .param("certificate/" + c.number() + "/participant-" + anne).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(PdfText.text(pdf).replaceAll("\\s+", " ")).contains("Auto-évaluation du participant : 4/5");
    }

    @Test
    void aDoubleSubmitAtOnceStoresOneAnswerAndNeverFails_E1() throws Exception {
        Started c = atHotLetter();
        long luc = c.participants().get(1);
        ClockUtil.setCurrentTime(Date.from(halfDays.lastHalfDayStarts(c.endsOn())));
        // no letter yet: the page opens at the last half-day, by the participant's page link
        String path = "/p/" + links.token(luc, Purpose.PARTICIPANT, now().plus(Duration.ofDays(2))) + "/evaluation/chaud";
        String answer = hotAnswer(luc, 5, 5, 5, 5, 5, "deux fois");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<HttpStatus> post = () -> {
                start.await();
                return HttpStatus.valueOf(submit(path, answer).getStatusCode().value());
            };
            List<Future<HttpStatus>> both = new ArrayList<>(List.of(pool.submit(post), pool.submit(post)));
            start.countDown();
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> f : both) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers(luc)).isEqualTo(1);
    }

    @Test
    void eachRefusedHotAnswerComesBackWith400AFrenchMessageByFieldTheValuesTypedAndNothingStored_E1() {
        Started c = atHotLetter();
        long anne = c.participants().get(0);
        ClockUtil.setCurrentTime(Date.from(halfDays.lastHalfDayStarts(c.endsOn())));
        String path = "/p/" + links.token(anne, Purpose.PARTICIPANT, now().plus(Duration.ofDays(2))) + "/evaluation/chaud";
        String valid = hotAnswer(anne, 4, 4, 4, 4, 4, "gardé");
        int first = objectivePositions(anne).get(0);
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        // body, field, message
        cases.put("missing rating", new String[] {valid.replace("content=4&", ""), "content", EvaluationForm.NO_RATING});
        cases.put("0", new String[] {valid.replace("trainer=4", "trainer=0"), "trainer", EvaluationForm.BAD_RATING});
        cases.put("6", new String[] {valid.replace("pace=4", "pace=6"), "pace", EvaluationForm.BAD_RATING});
        cases.put("abc", new String[] {valid.replace("organisation=4", "organisation=abc"), "organisation", EvaluationForm.BAD_RATING});
        cases.put("missing objective", new String[] {valid.replace("objective-" + first + "=4&", ""), "objective-" + first,
                EvaluationForm.NO_LEVEL});
        cases.put("too long", new String[] {valid.replace("comment=gard%C3%A9", "comment=" + "a".repeat(2001)), "comment",
                "2000 caractères au plus"});
        cases.put("NUL", new String[] {valid.replace("comment=gard%C3%A9", "comment=gard%00%C3%A9"), "comment", TextRules.MESSAGE});
        cases.put("lone surrogate", new String[] {valid.replace("comment=gard%C3%A9", "comment=gard%ED%A0%80"), "comment",
                TextRules.MESSAGE});
        cases.put("surrogate as a rating", new String[] {valid.replace("content=4", "content=%ED%A0%80"), "content",
                EvaluationForm.BAD_RATING});
        cases.forEach((name, c2) -> {
            ResponseEntity<String> refused = submit(path, c2[0]);
            assertThat(refused.getStatusCode()).as(name).isEqualTo(HttpStatus.BAD_REQUEST);
            String body = refused.getBody();
            assertThat(body).as(name).contains("Votre réponse n'a pas été enregistrée",
                    "id=\"" + c2[1] + "-error\"", "aria-describedby=\"" + c2[1] + "-error\"", "aria-invalid=\"true\"");
            String message = c2[2].replace("'", "&#39;");
            assertThat(body.substring(body.indexOf("id=\"" + c2[1] + "-error\""))).as(name).contains(message);
            if (!c2[1].equals("comment")) {
                assertThat(body).as("%s: the comment typed is kept", name).contains(">gardé</textarea>");
            }
            if (!c2[1].equals("trainer")) {
                assertThat(body).as("%s: the ratings chosen are kept", name)
                        .containsPattern("id=\"trainer-4\" name=\"trainer\" value=\"4\"\\s+checked");
            }
            assertThat(answers(anne)).as(name).isZero();
        });
        assertThat(submit(path, "comment=" + "a".repeat(EvaluationPages.MAX_BODY)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answers(anne)).isZero();
        assertThat(submit(path, valid).getStatusCode()).as("the same, right").isEqualTo(HttpStatus.OK);
    }

    @Test
    void theColdEvaluationOpensOnlyOnceItsTimerAndItsLettersJobHaveRun_untilItCloses_E1() {
        Started c = atHotLetter();
        executeDueJobs(c.instance()); // hot letters
        recordAttendance(c.instance());
        executeDueJobs(c.instance()); // certificates, invoices
        long anne = c.participants().get(0);
        long luc = c.participants().get(1);
        Instant far = now().plus(Duration.ofDays(400));
        String anneCold = "/p/" + links.token(anne, Purpose.PARTICIPANT, far) + "/evaluation/froid";
        ResponseEntity<String> notYet = rest.getForEntity(anneCold, String.class);
        assertThat(notYet.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(notYet.getBody()).contains("Évaluation à froid n&#39;est pas encore ouverte");

        Job timer = engine.getManagementService().createJobQuery().processInstanceId(c.instance().getId())
                .activityId("Timer_ColdEvaluation").timers().singleResult();
        ClockUtil.setCurrentTime(timer.getDuedate());
        engine.getManagementService().executeJob(timer.getId());
        assertThat(rest.getForEntity(anneCold, String.class).getStatusCode()).as("the letter's job has not run").isEqualTo(HttpStatus.CONFLICT);
        assertThat(submit(anneCold, "applied_rating=4").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answers(anne)).isZero();

        Instant sent = now();
        executeJobOf(c.instance(), "Task_SendColdEvaluation");
        assertThat(invitationCount(anne, "COLD")).isEqualTo(1);
        String path = linkIn("cold-evaluation", c.number(), anne);
        assertThat(offers.openFor(anne, now())).containsExactly(new EvaluationOffers.Offer("Évaluation à froid", "evaluation/froid"));
        ResponseEntity<String> page = rest.getForEntity(path, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("J&#39;ai pu mettre en pratique ce que j&#39;ai appris", "<label class=\"text\" for=\"applied\">",
                "<label class=\"text\" for=\"changes\">").doesNotContain("objective-");

        ResponseEntity<String> noRating = submit(path, "applied=Des+mod%C3%A8les&changes=");
        assertThat(noRating.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noRating.getBody()).contains("id=\"applied_rating-error\"", EvaluationForm.NO_RATING, ">Des modèles</textarea>");
        ResponseEntity<String> tooLong = submit(path, "applied_rating=4&changes=" + "b".repeat(2001));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody()).contains("id=\"changes-error\"", "2000 caractères au plus");
        ResponseEntity<String> control = submit(path, "applied_rating=4&applied=a%07b");
        assertThat(control.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answers(anne)).isZero();

        ResponseEntity<String> stored = submit(path, "applied_rating=4&applied=Des+mod%C3%A8les%0D%0Ade+courriers&changes=Moins+de+relances");
        assertThat(stored.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> row = upper(jdbc.sql("SELECT * FROM evaluation_answer WHERE participant_id = ?").param(anne).query().singleRow());
        assertThat(row).containsEntry("KIND", "COLD").containsEntry("APPLIED", "Des modèles\nde courriers")
                .containsEntry("CHANGES", "Moins de relances");
        assertThat(((Number) row.get("APPLIED_RATING")).intValue()).isEqualTo(4);
        assertThat(row.get("CONTENT_RATING")).isNull();

        // closed with its invitation
        Instant closes = sent.plus(properties.coldWindow());
        ClockUtil.setCurrentTime(Date.from(closes));
        String lucCold = "/p/" + links.token(luc, Purpose.PARTICIPANT, far) + "/evaluation/froid";
        ResponseEntity<String> closed = rest.getForEntity(lucCold, String.class);
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(closed.getBody()).contains("L&#39;évaluation est close depuis le");
        assertThat(submit(lucCold, "applied_rating=4").getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(answers(luc)).isZero();
    }

    @Test
    void aTamperedUnknownOrExpiredLinkGetsTheLinksOwnPages_404_410() {
        String forged = "/p/djEuMS5QQVJUSUNJUEFOVC45OTk5OTk5OTk5.AAAA/evaluation/chaud";
        ResponseEntity<String> forgedGet = rest.getForEntity(forged, String.class);
        assertThat(forgedGet.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // the same refusal page and headers as the participant's page (ParticipantPages)
        ResponseEntity<String> participantsOwn = rest.getForEntity("/p/djEuMS5QQVJUSUNJUEFOVC45OTk5OTk5OTk5.AAAA", String.class);
        assertThat(forgedGet.getBody()).isEqualTo(participantsOwn.getBody());
        for (String header : List.of("Content-Security-Policy", "Cache-Control", "Referrer-Policy", "X-Robots-Tag", "X-Content-Type-Options")) {
            assertThat(forgedGet.getHeaders().get(header)).as(header).isEqualTo(participantsOwn.getHeaders().get(header));
        }
        ResponseEntity<String> forgedPost = submit(forged, "content=4");
        assertThat(forgedPost.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(forgedPost.getBody()).contains("Ce lien n'est pas valable");
        String trainer = "/p/" + links.token(1, Purpose.TRAINER, now().plusSeconds(3600)) + "/evaluation/froid";
        assertThat(rest.getForEntity(trainer, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String nobody = "/p/" + links.token(Long.MAX_VALUE, Purpose.PARTICIPANT, now().plusSeconds(3600)) + "/evaluation/chaud";
        assertThat(submit(nobody, "content=4").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String expired = "/p/" + links.token(1, Purpose.PARTICIPANT, now().minusSeconds(1)) + "/evaluation/chaud";
        ResponseEntity<String> gone = rest.getForEntity(expired, String.class);
        assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(gone.getBody()).contains("Ce lien a expiré");
        assertThat(submit(expired, "content=4").getStatusCode()).isEqualTo(HttpStatus.GONE);
        String valid = "/p/" + links.token(1, Purpose.PARTICIPANT, now().plusSeconds(3600));
        assertThat(rest.getForEntity(valid + "/evaluation/tiede", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private long invitationCount(long participant, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_invitation WHERE participant_id = ? AND kind = ?")
                .params(participant, kind).query(Long.class).single();
    }

    private String letterOf(String letter, String number, long participant) {
        return jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ? AND letter = ? AND dedup_key LIKE ?")
                .params(number, letter, "%/participant-" + participant).query(String.class).single();
    }

    private static String tokenOf(String path) {
        return path.substring("/p/".length(), path.indexOf("/evaluation/"));
    }

    private static Map<String, Object> upper(Map<String, Object> row) {
        Map<String, Object> upper = new java.util.HashMap<>();
        row.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
        return upper;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
