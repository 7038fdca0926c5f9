package fr.lexom.contracts.participant;

import fr.lexom.contracts.participant.EvaluationAnswers.Evidence;
import fr.lexom.contracts.participant.EvaluationAnswers.Objective;
import fr.lexom.contracts.participant.EvaluationWindows.State;
import fr.lexom.contracts.participant.EvaluationWindows.Window;
import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.participant.ParticipantLinks.RefusedLink;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * E1 (issue 23, item 4): the hot and cold evaluation pages of a participant, under their personal link
 * ({@code /p/<token>/evaluation/chaud}, {@code .../froid}). One answer per participant and evaluation, stored with its
 * evidence; a refused answer is shown again (400) with a French message by wrong field and nothing stored. Outside
 * its window an evaluation answers 409 (not open yet) or 410 (closed), each with a French page; an answer given
 * already shows « Merci, votre réponse a déjà été enregistrée » (200, or 409 to a second submission).
 */
@RestController
class EvaluationPages {

    static final String PAGE = ParticipantPages.PATH + "{token}/evaluation/{slug:chaud|froid}";
    /** More than any valid answer (three texts of 2000 characters, percent-encoded): a bigger body is refused unread. */
    static final int MAX_BODY = 64 * 1024;
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE);

    private final ParticipantLinks links;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final EvaluationWindows windows;
    private final EvaluationAnswers answers;

    EvaluationPages(ParticipantLinks links, JdbcClient jdbc, Clock clock, EvaluationWindows windows, EvaluationAnswers answers) {
        this.links = links;
        this.jdbc = jdbc;
        this.clock = clock;
        this.windows = windows;
        this.answers = answers;
    }

    /** Whose link it is and what they followed. */
    private record Visit(long participantId, String token, EvaluationKind kind, String training, LocalDate endsOn) {
    }

    /** A visit that may answer, or the page that refuses it. */
    private record Admission(Visit visit, ResponseEntity<String> refusal) {

        static Admission refused(ResponseEntity<String> page) {
            return new Admission(null, page);
        }
    }

    @GetMapping(path = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String token, @PathVariable String slug) {
        Admission admission = admit(token, slug, false);
        return admission.visit() == null ? admission.refusal() : form(admission.visit(), HttpStatus.OK, Map.of(), Map.of());
    }

    @PostMapping(path = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answer(@PathVariable String token, @PathVariable String slug, HttpServletRequest request)
            throws IOException {
        Admission admission = admit(token, slug, true);
        if (admission.visit() == null) {
            return admission.refusal();
        }
        Visit v = admission.visit();
        List<Objective> objectives = answers.objectivesOf(v.participantId());
        byte[] body = body(request);
        if (body == null) {
            return form(v, HttpStatus.BAD_REQUEST, Map.of(), Map.of("form", "Votre réponse est trop longue."));
        }
        FormBody form = FormBody.parse(body);
        EvaluationForm.Checked checked = EvaluationForm.check(v.kind(), objectives, form);
        if (!checked.errors().isEmpty()) {
            return form(v, HttpStatus.BAD_REQUEST, form.values(), checked.errors());
        }
        Evidence evidence = new Evidence(ParticipantLinks.fingerprint(v.token()), request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
        if (!answers.store(v.participantId(), v.kind(), checked.answer(), evidence)) {
            return status(v, HttpStatus.CONFLICT, "Merci, votre réponse a déjà été enregistrée",
                    "Une seule réponse est possible par participant ; la vôtre nous est bien parvenue.");
        }
        return status(v, HttpStatus.OK, "Merci, votre réponse a été enregistrée",
                "Vos réponses nous aident à améliorer nos formations.");
    }

    /**
     * The visit if the link is valid and the evaluation can be answered now; otherwise the page that says why: the
     * link's 404 / 410, the thanks of an answer given, not open yet (409), closed (410).
     */
    private Admission admit(String token, String slug, boolean submitting) {
        Instant now = clock.instant();
        ParticipantLinks.Holder holder;
        try {
            holder = links.open(token, Purpose.PARTICIPANT, now);
        } catch (RefusedLink refused) {
            return Admission.refused(ParticipantHtml.refused(refused));
        }
        EvaluationKind kind = EvaluationKind.ofSlug(slug).orElseThrow();
        Optional<Visit> found = jdbc.sql("""
                SELECT t.title, c.ends_on FROM participant p JOIN contract c ON c.id = p.contract_id
                JOIN training t ON t.id = c.training_id WHERE p.id = ?""").param(holder.id())
                .query((rs, n) -> new Visit(holder.id(), token, kind, rs.getString(1), rs.getObject(2, LocalDate.class)))
                .optional();
        if (found.isEmpty()) {
            return Admission.refused(ParticipantHtml.refused(new RefusedLink(ParticipantLinks.Refusal.INVALID)));
        }
        Visit v = found.get();
        if (answers.answered(v.participantId(), kind)) {
            return Admission.refused(status(v, submitting ? HttpStatus.CONFLICT : HttpStatus.OK, "Merci, votre réponse a déjà été enregistrée",
                    "Une seule réponse est possible par participant ; la vôtre nous est bien parvenue."));
        }
        Window window = windows.of(v.participantId(), kind, v.endsOn());
        State state = window.at(now);
        if (state == State.NOT_YET) {
            return Admission.refused(status(v, HttpStatus.CONFLICT, kind.label() + " n'est pas encore ouverte", window.opensAt() == null
                    ? "Vous recevrez un courriel avec votre lien personnel quelques mois après la formation."
                    : "L'évaluation à chaud ouvrira le " + moment(window.opensAt()) + "."));
        }
        if (state == State.CLOSED) {
            return Admission.refused(status(v, HttpStatus.GONE, kind.label() + " est close",
                    "L'évaluation est close depuis le " + moment(window.closesAt()) + "."));
        }
        return new Admission(v, null);
    }

    private ResponseEntity<String> form(Visit v, HttpStatus status, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", v.kind().label());
        model.put("training", v.training());
        model.put("hot", v.kind() == EvaluationKind.HOT);
        model.put("view", EvaluationForm.view(v.kind(), answers.objectivesOf(v.participantId()), values, errors));
        model.put("formError", errors.get("form"));
        return ParticipantHtml.page(status, "evaluation", model);
    }

    private static ResponseEntity<String> status(Visit v, HttpStatus status, String heading, String message) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", v.kind().label());
        model.put("training", v.training());
        model.put("heading", heading);
        model.put("message", message);
        return ParticipantHtml.page(status, "evaluation-status", model);
    }

    /** The request's body, at most {@link #MAX_BODY} bytes (null when longer). */
    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    private static String moment(Instant instant) {
        return MOMENT.format(instant.atZone(ParticipantLinkUrls.PARIS));
    }
}
