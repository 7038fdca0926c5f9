package fr.lexom.contracts.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for a door into the application, against this application's engine (its identity service checks the
 * password, with the login throttling). The authenticated user and its groups are set on the engine for the request,
 * so every engine call made behind the door runs under the caller's authorizations. Three doors use it:
 * <ul>
 * <li>the app's own {@code /api}: any user (each endpoint checks its groups). A read (GET, HEAD) without credentials
 * may also come from a user logged into Tasklist or Cockpit: a link to a document in a task form. The webapps'
 * session then names the user; writes always need Basic authentication, so a page elsewhere cannot make a logged-in
 * browser change anything (no CSRF);</li>
 * <li>the engine's {@code /engine-rest}: administrators and the technical group {@code integration} only, every path
 * ({@code /engine-rest/engine} included, which Camunda's own filter left open). Staff work in Tasklist and Cockpit,
 * other systems use {@code /api}: nobody else needs the engine's whole API;</li>
 * <li>the actuator's endpoint list ({@code /actuator}): administrators only (health and info stay public).</li>
 * </ul>
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final String CHALLENGE = "Basic realm=\"LEXOM\", charset=\"UTF-8\"";

    /**
     * Who may pass a door: {@code groups} empty lets any user in; {@code sessionReads} lets a webapp session read.
     * {@code refusal} is the French detail of the 403 for a user outside those groups.
     */
    record Door(String name, Set<String> groups, boolean sessionReads, String refusal) {

        static Door api() {
            return new Door("api", Set.of(), true, "");
        }

        static Door restricted(String name, Set<String> groups, String refusal) {
            return new Door(name, Set.copyOf(groups), false, refusal);
        }
    }

    private final IdentityService identityService;
    private final String engineName;
    private final Door door;

    ApiAuthenticationFilter(IdentityService identityService, String engineName, Door door) {
        this.identityService = identityService;
        this.engineName = engineName;
        this.door = door;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = credentials(request.getHeader("Authorization"));
        String webappUser = credentials == null && door.sessionReads() ? webappSessionUser(request) : null;
        if (webappUser != null) {
            authenticateAndContinue(webappUser, request, response, chain);
            return;
        }
        if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", CHALLENGE);
            response.setContentType("application/problem+json;charset=UTF-8");
            response.getWriter().write("{\"type\":\"https://lexom.fr/problems/401\",\"title\":\"Authentification requise\","
                    + "\"status\":401,\"detail\":\"Identifiez-vous (HTTP Basic) avec un utilisateur de l'application.\"}");
            return;
        }
        authenticateAndContinue(credentials[0], request, response, chain);
    }

    private void authenticateAndContinue(String userId, HttpServletRequest request, HttpServletResponse response,
                                         FilterChain chain) throws ServletException, IOException {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        if (!door.groups().isEmpty() && groups.stream().noneMatch(door.groups()::contains)) {
            // Camunda's REST error shape, as the engine's own 403s
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":\"" + door.refusal() + "\"}");
            return;
        }
        identityService.setAuthentication(userId, groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** The user logged into the webapps of this engine, for a safe request (GET, HEAD) only; else null. */
    private String webappSessionUser(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engineName);
        if (authentication == null || identityService.createUserQuery().userId(authentication.getIdentityId()).count() == 0) {
            return null; // no session for this engine, or a user deleted since they logged in
        }
        return authentication.getIdentityId();
    }

    private static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
