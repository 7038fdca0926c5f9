package fr.lexom.contracts.participant;

import fr.lexom.contracts.notification.TemplateEngines;
import fr.lexom.contracts.participant.ParticipantLinks.Purpose;
import fr.lexom.contracts.participant.ParticipantLinks.RefusedLink;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The pages a participant reaches by their personal link, without an account (issue 23): server-rendered French
 * HTML, no script, readable on a phone. A page shows the participant's own name, the training and its dates and place,
 * and nothing of the client's contract (no client, price, invoice). A link altered or unknown is a 404, one out of
 * date a 410, each with a French page that says what to do.
 */
@RestController
class ParticipantPages {

    /** Where participants' links point, under the app's base URL. */
    static final String PATH = "/p/";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
    /** No script, no third party, no framing; inline styles only (the page carries its own small stylesheet). */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ParticipantLinks links;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TemplateEngines.Templates pages = TemplateEngines.classpath("pages/", ".html", TemplateMode.HTML);

    ParticipantPages(ParticipantLinks links, JdbcClient jdbc, Clock clock) {
        this.links = links;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Participation(String firstName, String lastName, String training, LocalDate startsOn, LocalDate endsOn,
                         String modality, String place) {
    }

    @GetMapping(path = PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> participant(@PathVariable String token) {
        ParticipantLinks.Holder holder;
        try {
            holder = links.open(token, Purpose.PARTICIPANT, clock.instant());
        } catch (RefusedLink refused) {
            return refused(refused);
        }
        Optional<Participation> found = jdbc.sql("""
                SELECT p.first_name, p.last_name, t.title, c.starts_on, c.ends_on, c.modality,
                       COALESCE(c.place, s.place) AS place
                FROM participant p JOIN contract c ON c.id = p.contract_id JOIN training t ON t.id = c.training_id
                LEFT JOIN training_session s ON s.id = c.session_id
                WHERE p.id = ?""").param(holder.id())
                .query((rs, n) -> new Participation(rs.getString("first_name"), rs.getString("last_name"),
                        rs.getString("title"), rs.getObject("starts_on", LocalDate.class),
                        rs.getObject("ends_on", LocalDate.class), rs.getString("modality"), rs.getString("place")))
                .optional();
        if (found.isEmpty()) {
            return refused(new RefusedLink(ParticipantLinks.Refusal.INVALID));
        }
        Participation p = found.get();
        return page(HttpStatus.OK, "participant", Map.of(
                "name", p.firstName() + " " + p.lastName(),
                "training", p.training(),
                "dates", p.startsOn().equals(p.endsOn()) ? "le " + DAY.format(p.startsOn())
                        : "du " + DAY.format(p.startsOn()) + " au " + DAY.format(p.endsOn()),
                "where", "REMOTE".equals(p.modality()) ? "à distance" : p.place() == null ? "" : p.place()));
    }

    private ResponseEntity<String> refused(RefusedLink refused) {
        boolean expired = refused.refusal() == ParticipantLinks.Refusal.EXPIRED;
        return page(expired ? HttpStatus.GONE : HttpStatus.NOT_FOUND, "link-refused", Map.of("expired", expired));
    }

    private ResponseEntity<String> page(HttpStatus status, String template, Map<String, Object> model) {
        Context context = new Context(Locale.FRANCE);
        context.setVariables(model);
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("X-Content-Type-Options", "nosniff")
                .body(pages.process(template, context));
    }

    @Configuration
    static class Links {
        /** The server's secret for participants' links: LEXOM_PARTICIPANT_LINK_SECRET, required outside the demo. */
        @Bean
        ParticipantLinks participantLinks(@Value("${lexom.participants.link-secret:}") String secret) {
            return new ParticipantLinks(secret);
        }
    }
}
