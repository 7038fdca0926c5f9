package fr.lexom.contracts.participant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A limit on the requests made with one personal link (issue 23): {@code lexom.participants.requests-per-minute} per
 * link and minute (default 30: a participant signs a half-day in two requests), then 429 with a French page and
 * {@code Retry-After} until the minute is over. A link is counted by its token, valid or not, so a guessing script
 * gains nothing by changing the rest of the address. Counts are kept in memory, per node, for the current minute.
 */
class LinkRateLimit extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(LinkRateLimit.class);
    /** Above this many links counted in one minute, the counts of earlier minutes are dropped. */
    private static final int MAX_TRACKED = 50_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long minute, AtomicInteger count) {
    }

    LinkRateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = token(request.getRequestURI().substring(request.getContextPath().length()));
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        long minute = now / 60_000;
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        Window window = windows.compute(token, (key, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        int count = window.count().incrementAndGet();
        if (count <= perMinute) {
            chain.doFilter(request, response);
            return;
        }
        if (count == perMinute + 1) {
            LOG.warn("Personal link {} over {} requests in a minute: refused until the minute ends",
                    ParticipantLinks.fingerprint(token).substring(0, 12), perMinute);
        }
        long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Trop de demandes - LEXOM</title>"
                + "</head><body style=\"font-family: system-ui, sans-serif; margin: 1rem\"><h1>Trop de demandes</h1>"
                + "<p>Ce lien a été utilisé trop souvent en peu de temps. Réessayez dans " + retryAfter + " secondes.</p>"
                + "</body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /** The token of a {@code /p/<token>...} or {@code /p/formateur/<token>...} path. */
    static String token(String path) {
        String rest = path.startsWith(ParticipantPages.TRAINER_PATH) ? path.substring(ParticipantPages.TRAINER_PATH.length())
                : path.startsWith(ParticipantPages.PATH) ? path.substring(ParticipantPages.PATH.length()) : null;
        if (rest == null || rest.isEmpty()) {
            return null;
        }
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        return token.isEmpty() ? null : token.length() > 200 ? token.substring(0, 200) : token;
    }

    @Configuration
    static class Registration {
        @Bean
        FilterRegistrationBean<LinkRateLimit> linkRateLimit(@Value("${lexom.participants.requests-per-minute:30}") int perMinute) {
            // wall-clock minutes: the engine's clock (moved by tests, business dates) says nothing of request rates
            FilterRegistrationBean<LinkRateLimit> registration = new FilterRegistrationBean<>(new LinkRateLimit(perMinute, Clock.systemUTC()));
            registration.addUrlPatterns(ParticipantPages.PATH + "*");
            registration.setName("linkRateLimit");
            return registration;
        }
    }
}
