package fr.lexom.contracts.participant;

import fr.lexom.contracts.notification.TemplateEngines;
import fr.lexom.contracts.participant.ParticipantLinks.RefusedLink;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * How the participants' pages answer (issue 23): French HTML from {@code pages/}, not cached, not indexed, no script,
 * no framing, and the 404 / 410 pages of a refused link. The same headers and refusal pages as
 * every page reached by a personal link ({@link ParticipantPages}, {@link EvaluationPages}).
 */
final class ParticipantHtml {

    /** No script, no third party, no framing; inline styles only (each page carries its own small stylesheet). */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final TemplateEngines.Templates PAGES = TemplateEngines.classpath("pages/", ".html", TemplateMode.HTML);

    private ParticipantHtml() {
    }

    /** The page of a link refused: 404 « Ce lien n'est pas valable », or 410 « Ce lien a expiré ». */
    static ResponseEntity<String> refused(RefusedLink refused) {
        boolean expired = refused.refusal() == ParticipantLinks.Refusal.EXPIRED;
        return page(expired ? HttpStatus.GONE : HttpStatus.NOT_FOUND, "link-refused", Map.of("expired", expired));
    }

    static ResponseEntity<String> page(HttpStatus status, String template, Map<String, Object> model) {
        Context context = new Context(Locale.FRANCE);
        context.setVariables(model);
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("X-Content-Type-Options", "nosniff")
                .body(PAGES.process(template, context));
    }
}
