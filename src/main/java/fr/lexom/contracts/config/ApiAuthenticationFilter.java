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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for the app's own endpoints, against this application's engine (its identity service checks the
 * password, with Camunda's login throttling). The authenticated user and its groups are set on the engine for
 * the request, so every engine call made by the API runs under the caller's authorizations.
 *
 * <p>A read (GET, HEAD) without credentials may also come from a user logged into Tasklist or Cockpit: a link
 * to a document in a task form. The webapps' session then names the user; writes always need Basic
 * authentication, so a page elsewhere cannot make a logged-in browser change anything (no CSRF).
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final String CHALLENGE = "Basic realm=\"LEXOM\", charset=\"UTF-8\"";

    private final IdentityService identityService;
    private final String engineName;

    ApiAuthenticationFilter(IdentityService identityService, String engineName) {
        this.identityService = identityService;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = credentials(request.getHeader("Authorization"));
        String webappUser = credentials == null ? webappSessionUser(request) : null;
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
