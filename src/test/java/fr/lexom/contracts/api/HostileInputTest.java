package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Malformed JSON, wrong types, negative, huge and over-precise amounts, very long strings, injection strings and
 * unknown fields, sent to every endpoint: always 4xx with problem details, never 5xx, and nothing changes.
 */
@IntegrationTest
class HostileInputTest {

    static final String LONG = "x".repeat(100_000);
    static final List<String> BODIES = List.of(
            "{bad json",
            "[]",
            "null",
            "\"a string\"",
            "{\"externalReference\": {\"nested\": true}}",
            "{\"externalReference\": \"REF-1\", \"amount\": -10, \"receivedOn\": \"2026-01-01\", \"contractNumber\": \"DEV-2026-00001\"}",
            "{\"externalReference\": \"REF-1\", \"amount\": 1e400, \"receivedOn\": \"2026-01-01\", \"contractNumber\": \"DEV-2026-00001\"}",
            "{\"externalReference\": \"REF-1\", \"amount\": 10.999, \"receivedOn\": \"2026-01-01\", \"contractNumber\": \"DEV-2026-00001\"}",
            "{\"externalReference\": \"REF-1\", \"amount\": \"ten\", \"receivedOn\": \"not-a-date\"}",
            "{\"externalReference\": \"" + LONG + "\"}",
            "{\"externalReference\": \"REF-1'; DROP TABLE contract; --\", \"clientName\": \"<script>alert(1)</script>\"}",
            "{\"externalReference\": \"REF-1\", \"unknownField\": 1}",
            "{\"clientKind\": \"LEGAL_ENTITY\", \"clientName\": \"" + LONG + "\", \"priceNet\": 99999999999999999999}",
            "{\"clientKind\": \"LEGAL_ENTITY\", \"participants\": [null, {\"firstName\": \"a<b>\", \"lastName\": \"\\n\"}], \"priceNet\": 0.001}",
            "{\"decision\": \"MAYBE\", \"grantedAmount\": -1, \"externalReference\": \"REF-2\"}",
            "{\"signedOn\": \"2999-01-01\", \"externalReference\": \"REF-3\", \"acceptanceDocument\": \"FORGED\"}",
            // issue 20: control characters and unpaired surrogates in any text, implausible dates and -0
            "{\"externalReference\": \"REF-4\", \"clientKind\": \"LEGAL_ENTITY\", \"clientName\": \"A\\u0000B\", \"place\": \"\\ud800\"}",
            "{\"externalReference\": \"REF-5\\u0001\", \"receivedOn\": \"0001-01-01\", \"signedOn\": \"0001-01-01\", \"amount\": -0.0}",
            "{\"externalReference\": \"REF-6\", \"participants\": [{\"firstName\": \"\\udc00\", \"lastName\": \"\\u0085\"}], \"startDate\": \"+10000-01-01\"}");
    static final List<String> POSTS = List.of("/api/quotes", "/api/payments", "/api/contracts/DEV-2026-00001/acceptance",
            "/api/contracts/DEV-2026-00001/withdrawal", "/api/contracts/DEV-2026-00001/funding-decision",
            "/api/contracts/DEV-2026-00001/cancellation-request", "/api/contracts/DEV-2026-00001/postponement-request",
            "/api/invoices/FA-2026-00001/late-charges");
    static final List<String> GETS = List.of("/api/contracts/" + LONG.substring(0, 3000), "/api/contracts/'%20OR%201=1",
            "/api/invoices/..%2F..%2Fetc%2Fpasswd", "/api/contracts/%3Cscript%3E",
            "/api/documents/abc", "/api/documents/-1", "/api/documents/99999999999999999999999",
            "/api/contracts/%3Cscript%3E/documents", "/api/invoices/'%20OR%201=1/pdf",
            "/api/contracts/" + LONG.substring(0, 3000) + "/quote.pdf", "/api/invoices/FA-2026-00001%00/formal-notice.pdf");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    fr.lexom.contracts.support.TestUsers users;

    @Test
    void everyHostileRequestGetsA4xxAndChangesNothing() {
        users.ensureAll();
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        for (String path : POSTS) {
            for (String body : BODIES) {
                ResponseEntity<String> answer = post(path, body, MediaType.APPLICATION_JSON);
                check(failures, "POST " + path + " " + abbreviate(body), answer);
            }
            check(failures, "POST " + path + " as text/plain", post(path, "{}", MediaType.TEXT_PLAIN));
        }
        for (String path : GETS) {
            // sent as written (a String would be encoded again): the container may refuse some before Spring,
            // with a 400 of its own that is not JSON; still a 4xx, never a 5xx
            ResponseEntity<String> answer = rest.withBasicAuth("admin", "test-admin-secret")
                    .exchange(java.net.URI.create(rest.getRootUri() + path), HttpMethod.GET, null, String.class);
            int status = answer.getStatusCode().value();
            statuses.add(status);
            if (status < 400 || status >= 500) {
                failures.add("GET " + abbreviate(path) + " -> " + status);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(statuses).contains(400, 404, 415);
        assertThat(statuses.stream().filter(s -> s == 400).count()).isGreaterThan(60);
        assertThat(counts()).isEqualTo(before);
    }

    private final List<Integer> statuses = new ArrayList<>();

    private void check(List<String> failures, String what, ResponseEntity<String> answer) {
        int status = answer.getStatusCode().value();
        statuses.add(status);
        boolean problem = status == 404 && answer.getBody() == null
                || answer.getHeaders().getContentType() != null && answer.getHeaders().getContentType().toString().contains("json");
        if (status < 400 || status >= 500 || !problem) {
            failures.add(what + " -> " + status + " " + abbreviate(String.valueOf(answer.getBody())));
        }
    }

    private ResponseEntity<String> post(String path, String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        // an administrator passes every group check, so validation itself is what is tested
        return rest.withBasicAuth("admin", "test-admin-secret").exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private Map<String, Long> counts() {
        return Map.of(
                "contract", count("contract"), "payment", count("payment"), "inbound_event", count("inbound_event"),
                "outbox_mail", count("outbox_mail"), "client", count("client"),
                "instances", runtimeService.createProcessInstanceQuery().count());
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
