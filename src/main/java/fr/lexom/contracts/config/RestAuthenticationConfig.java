package fr.lexom.contracts.config;

import fr.lexom.contracts.config.ApiAuthenticationFilter.Door;
import fr.lexom.contracts.identity.Groups;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The doors into the application over HTTP, and who may pass each (README, "Security"). Camunda's REST API has no
 * authentication by default: anyone reaching the port could deploy a model whose expression runs a command. Every
 * door authenticates with HTTP Basic against the engine's identity service ({@link ApiAuthenticationFilter}); the
 * engine's authorizations and its guard (fr.lexom.contracts.security.EngineGuard) do the rest:
 * <ul>
 * <li>{@code /api}, its OpenAPI document and Swagger UI: any user; each endpoint checks its groups;</li>
 * <li>{@code /engine-rest}: administrators and the technical group {@code integration} only (Camunda's own filter also
 * left {@code /engine-rest/engine} open to anyone);</li>
 * <li>{@code /actuator}, the endpoint list: administrators (health and info stay public, for compose and probes);</li>
 * <li>the Admin webapp's first-run setup ({@code /camunda/api/admin/setup}): closed. The application creates its
 * administrator at start (LEXOM_ADMIN_PASSWORD, required outside the demo), so the setup is never needed, and
 * Camunda's CVE-2026-77226 (fixed only in enterprise 7.24.15) lets an anonymous caller create an administrator
 * through it when {@code camunda-admin} has no direct member.</li>
 * </ul>
 * Tasklist, Cockpit and Admin keep Camunda's own session login (their API under {@code /camunda/api}).
 */
@Configuration(proxyBeanMethods = false)
class RestAuthenticationConfig {

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthenticationFilter(ProcessEngine engine,
            @Value("${spring.jersey.application-path:/engine-rest}") String jerseyPath) {
        String prefix = jerseyPath.startsWith("/") ? jerseyPath : "/" + jerseyPath;
        Set<String> groups = new HashSet<>(administratorGroups(engine));
        groups.add(Groups.ENGINE_API);
        return register("lexom-engine-rest-authentication", new ApiAuthenticationFilter(engine.getIdentityService(),
                engine.getName(), Door.restricted("engine-rest", groups, "L'API du moteur (" + prefix + ") est réservée"
                        + " aux administrateurs et au groupe " + Groups.ENGINE_API + " : utilisez Tasklist, Cockpit ou /api.")),
                prefix, prefix + "/*");
    }

    /** The app's own API and its documentation (for callers who have an account). */
    @Bean
    FilterRegistrationBean<Filter> appApiAuthenticationFilter(ProcessEngine engine) {
        return register("lexom-api-authentication",
                new ApiAuthenticationFilter(engine.getIdentityService(), engine.getName(), Door.api()),
                "/api/*", "/v3/api-docs", "/v3/api-docs/*", "/swagger-ui.html", "/swagger-ui/*");
    }

    /** The actuator's list of endpoints; /actuator/health and /actuator/info are not behind it. */
    @Bean
    FilterRegistrationBean<Filter> actuatorAuthenticationFilter(ProcessEngine engine) {
        return register("lexom-actuator-authentication", new ApiAuthenticationFilter(engine.getIdentityService(),
                engine.getName(), Door.restricted("actuator", administratorGroups(engine),
                        "La liste des points de supervision est réservée aux administrateurs.")),
                "/actuator", "/actuator/");
    }

    /** Closed: the administrator is created at start, never through the webapp's first-run setup (CVE-2026-77226). */
    @Bean
    FilterRegistrationBean<Filter> adminSetupClosed() {
        Filter closed = (request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(HttpServletResponse.SC_FORBIDDEN);
            http.setContentType("application/json;charset=UTF-8");
            http.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":\"La configuration initiale est"
                    + " fermée : l'administrateur est créé au démarrage (LEXOM_ADMIN_USER, LEXOM_ADMIN_PASSWORD).\"}");
        };
        FilterRegistrationBean<Filter> registration = register("lexom-admin-setup-closed", closed,
                "/camunda/api/admin/setup/*");
        registration.setOrder(1);
        return registration;
    }

    private static Set<String> administratorGroups(ProcessEngine engine) {
        var groups = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getAdminGroups();
        return groups == null || groups.isEmpty() ? Set.of(Groups.ADMINS) : Set.copyOf(groups);
    }

    private static FilterRegistrationBean<Filter> register(String name, Filter filter, String... urlPatterns) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.addUrlPatterns(urlPatterns);
        registration.setOrder(10);
        return registration;
    }
}
