package fr.lexom.contracts.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

/**
 * The API keeps its word: every response of {@code /api/**} that a test receives through the shared
 * {@code TestRestTemplate} is validated against the OpenAPI document the app serves ({@code /v3/api-docs}), status
 * code, headers and body (errors as problem details). A mismatch fails the test that made the call, with the
 * operation and the validator's messages. Imported by {@link IntegrationTest}, so one validator per test context.
 * <p>
 * Responses only: the tests send wrong requests on purpose (bad fields, hostile text, missing credentials), which
 * request validation would refuse before the app answers; what matters is that the app's answer is documented.
 * Other paths (engine REST, webapps, the document itself) are not this document's and are not checked.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OpenApiContract {

    /** The document is authenticated: any staff login may read it. */
    private static final String READER = TestUsers.SALES;

    @Bean
    RestTemplateCustomizer openApiContractCustomizer(ObjectProvider<TestUsers> users) {
        Interceptor interceptor = new Interceptor(users);
        return restTemplate -> restTemplate.getInterceptors().add(interceptor);
    }

    /** Builds a validator from the JSON text of an OpenAPI document (also used by the test that the validator can fail). */
    public static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    /** The validator's report on one response of {@code method path}: errors when the document does not allow it. */
    public static ValidationReport validate(OpenApiInteractionValidator validator, String method, String path,
            int status, HttpHeaders headers, byte[] body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (body.length > 0) {
            response.withBody(body);
        }
        return validator.validateResponse(path, Request.Method.valueOf(method), response.build());
    }

    static final class Interceptor implements ClientHttpRequestInterceptor {

        private final ObjectProvider<TestUsers> users;
        private volatile OpenApiInteractionValidator validator;

        Interceptor(ObjectProvider<TestUsers> users) {
            this.users = users;
        }

        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] requestBody, ClientHttpRequestExecution execution)
                throws IOException {
            ClientHttpResponse response = execution.execute(request, requestBody);
            URI uri = request.getURI();
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/api/")) {
                return response;
            }
            byte[] body = StreamUtils.copyToByteArray(response.getBody());
            if (refusedByTomcat(response.getStatusCode().value(), response.getHeaders(), body)) {
                return new Buffered(response, body);
            }
            ValidationReport report = validate(validator(uri), request.getMethod().name(), path,
                    response.getStatusCode().value(), response.getHeaders(), body);
            if (report.hasErrors()) {
                response.close();
                String operation = report.getMessages().stream()
                        .map(m -> m.getContext().flatMap(ValidationReport.MessageContext::getApiOperation)
                                .map(o -> o.getMethod() + " " + o.getApiPath().original()
                                        + (o.getOperation().getOperationId() == null ? ""
                                                : " (" + o.getOperation().getOperationId() + ")"))
                                .orElse(null))
                        .filter(o -> o != null).findFirst().orElse(request.getMethod() + " " + path);
                throw new AssertionError("The response of " + operation + " (" + request.getMethod() + " " + uri
                        + ", status " + response.getStatusCode().value() + ") breaks the OpenAPI document:\n"
                        + report.getMessages().stream()
                                .map(m -> "  [" + m.getKey() + "] " + m.getMessage())
                                .collect(Collectors.joining("\n"))
                        + "\n  body: " + abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
            return new Buffered(response, body);
        }

        private OpenApiInteractionValidator validator(URI uri) {
            OpenApiInteractionValidator v = validator;
            if (v == null) {
                synchronized (this) {
                    v = validator;
                    if (v == null) {
                        v = validator = OpenApiContract.validator(fetchDocument(uri));
                    }
                }
            }
            return v;
        }

        private String fetchDocument(URI uri) {
            users.getObject().ensureAll();
            URI docs = URI.create(uri.getScheme() + "://" + uri.getAuthority() + "/v3/api-docs");
            String credentials = Base64.getEncoder()
                    .encodeToString((READER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(docs)
                        .header(HttpHeaders.AUTHORIZATION, "Basic " + credentials).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("GET " + docs + " answered " + answer.statusCode());
                }
                // kept for reading: the document this run validated against
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi-under-test.json"), answer.body());
                return answer.body();
            } catch (IOException e) {
                throw new IllegalStateException("GET " + docs + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("GET " + docs + " interrupted", e);
            }
        }

        /**
         * Tomcat's own HTML error page: the connector refused the request (an encoded slash {@code %2F} or backslash in
         * the path, HostileInputTest) before any filter or controller of the app saw it, so no document of the app can
         * describe it. Only that page, on a 400, is let through; any other answer is validated.
         */
        static boolean refusedByTomcat(int status, HttpHeaders headers, byte[] body) {
            org.springframework.http.MediaType type = headers.getContentType();
            return status == 400 && type != null && type.isCompatibleWith(org.springframework.http.MediaType.TEXT_HTML)
                    && new String(body, StandardCharsets.UTF_8).contains("<title>HTTP Status 400 – Bad Request</title>");
        }

        private static String abbreviate(String text) {
            return text.length() <= 500 ? text : text.substring(0, 500) + "…";
        }
    }

    /** The response, its body already read for the validator, given again to the test. */
    private record Buffered(ClientHttpResponse response, byte[] body) implements ClientHttpResponse {

        @Override
        public HttpStatusCode getStatusCode() throws IOException {
            return response.getStatusCode();
        }

        @Override
        public String getStatusText() throws IOException {
            return response.getStatusText();
        }

        @Override
        public HttpHeaders getHeaders() {
            return response.getHeaders();
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
