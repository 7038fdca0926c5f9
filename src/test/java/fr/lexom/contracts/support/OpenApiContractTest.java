package fr.lexom.contracts.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The validator behind {@link OpenApiContract} can fail: a check that passes everything would prove nothing. */
class OpenApiContractTest {

    /** A small document shaped like the app's: one operation, its 200 and a problem-details 404. */
    private static final String DOCUMENT = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
             "paths": {"/api/contracts/{number}": {"get": {"operationId": "contract",
               "parameters": [{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {
                 "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object",
                   "required": ["number", "stage"],
                   "properties": {"number": {"type": "string"}, "stage": {"type": "string"}}}}}},
                 "404": {"description": "unknown", "content": {"application/problem+json": {"schema": {"type": "object",
                   "required": ["type", "title", "status"],
                   "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}}}}}}}}}}}
            """;

    private final OpenApiInteractionValidator validator = OpenApiContract.validator(DOCUMENT);

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(report(200, MediaType.APPLICATION_JSON, "{\"number\": \"DEV-2026-00001\", \"stage\": \"QUOTE_SENT\"}")
                .hasErrors()).isFalse();
        assertThat(report(404, MediaType.APPLICATION_PROBLEM_JSON,
                "{\"type\": \"https://lexom.fr/problems/404\", \"title\": \"Introuvable\", \"status\": 404}").hasErrors()).isFalse();
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThat(keys(report(500, MediaType.APPLICATION_JSON, "{}"))).contains("validation.response.status.unknown");
    }

    @Test
    void aBodyOfTheWrongShapeFails() {
        assertThat(keys(report(200, MediaType.APPLICATION_JSON, "{\"number\": 42}")))
                .contains("validation.response.body.schema.required", "validation.response.body.schema.type");
    }

    @Test
    void anErrorThatIsNotAProblemDetailFails() {
        assertThat(keys(report(404, MediaType.TEXT_HTML, "<html>Not found</html>")))
                .contains("validation.response.contentType.notAllowed");
        assertThat(keys(report(404, MediaType.APPLICATION_PROBLEM_JSON, "{\"error\": \"not found\"}")))
                .contains("validation.response.body.schema.required");
    }

    @Test
    void onlyTomcatsOwnRefusalPageIsLetThrough() {
        HttpHeaders html = new HttpHeaders();
        html.setContentType(MediaType.parseMediaType("text/html;charset=utf-8"));
        byte[] tomcat = "<!doctype html><html><head><title>HTTP Status 400 – Bad Request</title></head></html>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(OpenApiContract.Interceptor.refusedByTomcat(400, html, tomcat)).isTrue();
        assertThat(OpenApiContract.Interceptor.refusedByTomcat(500, html, tomcat)).isFalse();
        assertThat(OpenApiContract.Interceptor.refusedByTomcat(400, html, "<html>other</html>".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    private ValidationReport report(int status, MediaType type, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return OpenApiContract.validate(validator, "GET", "/api/contracts/DEV-2026-00001", status, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static java.util.List<String> keys(ValidationReport report) {
        assertThat(report.hasErrors()).isTrue();
        return report.getMessages().stream().map(ValidationReport.Message::getKey).toList();
    }
}
