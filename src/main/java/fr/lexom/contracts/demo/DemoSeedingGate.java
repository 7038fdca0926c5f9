package fr.lexom.contracts.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While {@link DemoContracts} makes the demo, the engine clock is in the past: no request is served meanwhile (a
 * quote typed then would be dated months ago). Every request gets 503 with {@code Retry-After} and a French page that
 * reloads itself; the first in the filter chain, before any login. Only on when the demo contracts are.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnExpression("${lexom.demo.enabled:false} and ${lexom.demo.contracts:true}")
public class DemoSeedingGate extends OncePerRequestFilter {

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>LEXOM Contrats de formation</title></head>
            <body><h1>La démonstration se prépare</h1>
            <p>Les contrats de démonstration sont en cours de création (une demi-minute environ).
            Cette page se rechargera d'elle-même.</p></body></html>
            """;

    private final DemoContracts demo;

    public DemoSeedingGate(DemoContracts demo) {
        this.demo = demo;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!demo.seeding()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "10");
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(PAGE.getBytes(StandardCharsets.UTF_8));
    }
}
