package fr.lexom.contracts.support;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A user logged into a Camunda webapp as its login page does (the CSRF cookie first, then the login form), and the
 * requests its pages make to the webapps' API (/camunda/api/engine/...) with that session and its XSRF token.
 */
public final class WebappSession {

    private final TestRestTemplate rest;
    private final String cookies;
    private final String csrf;

    private WebappSession(TestRestTemplate rest, String cookies, String csrf) {
        this.rest = rest;
        this.cookies = cookies;
        this.csrf = csrf;
    }

    /** Logs {@code user} into {@code app} (tasklist, cockpit, admin); fails unless the login is accepted. */
    public static WebappSession login(TestRestTemplate rest, String app, String user, String password) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
        String cookies = cookies(page.getHeaders());
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookies);
        headers.add("X-XSRF-TOKEN", csrf);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> loggedIn = rest.exchange("/camunda/api/admin/auth/user/default/login/" + app,
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        if (loggedIn.getStatusCode() != HttpStatus.OK) {
            throw new AssertionError("login of " + user + " to " + app + ": " + loggedIn.getStatusCode() + " " + loggedIn.getBody());
        }
        String session = merge(cookies, cookies(loggedIn.getHeaders()));
        // the login may start a new session, with a token of its own: read it as the page does, with a GET
        HttpHeaders next = new HttpHeaders();
        next.add(HttpHeaders.COOKIE, session);
        ResponseEntity<String> engines = rest.exchange("/camunda/api/engine/engine/", HttpMethod.GET,
                new HttpEntity<>(next), String.class);
        String token = engines.getHeaders().getFirst("X-XSRF-TOKEN");
        return new WebappSession(rest, merge(session, cookies(engines.getHeaders())), token == null ? csrf : token);
    }

    /** GET on the webapps' engine API, e.g. {@code engine("/task")} for /camunda/api/engine/engine/default/task. */
    public ResponseEntity<String> get(String enginePath) {
        return rest.exchange(url(enginePath), HttpMethod.GET, new HttpEntity<>(headers()), String.class);
    }

    /** POST of a JSON body on the webapps' engine API, with the session's XSRF token, as Tasklist and Cockpit send it. */
    public ResponseEntity<String> post(String enginePath, Object body) {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(url(enginePath), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    public ResponseEntity<String> put(String enginePath, Object body) {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(url(enginePath), HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    public ResponseEntity<String> delete(String enginePath) {
        return rest.exchange(url(enginePath), HttpMethod.DELETE, new HttpEntity<>(headers()), String.class);
    }

    private static String url(String enginePath) {
        return "/camunda/api/engine/engine/default" + enginePath;
    }

    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookies);
        headers.add("X-XSRF-TOKEN", csrf);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return headers;
    }

    private static String cookies(HttpHeaders headers) {
        return String.join("; ", headers.getOrDefault(HttpHeaders.SET_COOKIE, List.of()).stream()
                .map(c -> c.split(";", 2)[0]).toList());
    }

    private static String merge(String before, String after) {
        if (after.isEmpty()) {
            return before;
        }
        // cookies set by the login replace those of the same name set by the page
        var names = java.util.Arrays.stream(after.split("; ")).map(c -> c.split("=", 2)[0]).toList();
        String kept = String.join("; ", java.util.Arrays.stream(before.split("; "))
                .filter(c -> !c.isEmpty() && !names.contains(c.split("=", 2)[0])).toList());
        return kept.isEmpty() ? after : kept + "; " + after;
    }
}
