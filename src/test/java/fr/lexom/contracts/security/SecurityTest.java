package fr.lexom.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Secure by default: REST demands authentication, authorization checks decide what each group may do. */
@IntegrationTest
class SecurityTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestUsers users;
    @Autowired
    FormService formService;
    @Autowired
    IdentityService identityService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    BusinessCalendar calendar;

    @BeforeEach
    void users() {
        users.ensureAll();
    }

    @Test
    void anonymousCannotReadProcessDefinitions() {
        ResponseEntity<String> response = rest.getForEntity("/engine-rest/process-definition", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void anonymousCannotDeploy() {
        long before = repositoryService.createDeploymentQuery().count();
        ResponseEntity<String> response = rest.postForEntity("/engine-rest/deployment/create", deployment(), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void wrongPasswordIsRefused() {
        // An unknown user: a wrong password would also make Camunda delay that user's next logins.
        ResponseEntity<String> response = rest.withBasicAuth("intruder", "not-the-password")
                .getForEntity("/engine-rest/process-definition", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void salesUserCannotDeploy() {
        long before = repositoryService.createDeploymentQuery().count();
        ResponseEntity<String> response = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/deployment/create", deployment(), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("AuthorizationException");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void adminCanDeploy() {
        ResponseEntity<String> response = rest.withBasicAuth("admin", "test-admin-secret")
                .postForEntity("/engine-rest/deployment/create", deployment(), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anonymousCannotCallTheAppApi() {
        assertThat(rest.getForEntity("/api/contracts/DEV-2026-00001", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void managerReadsEveryProcessInstanceAndItsHistory() {
        ProcessInstance instance = startQuoteAs(TestUsers.SALES);

        ResponseEntity<List> running = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/engine-rest/process-instance?businessKey=" + instance.getBusinessKey(), List.class);
        assertThat(running.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(running.getBody()).hasSize(1);

        ResponseEntity<List> history = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/engine-rest/history/activity-instance?processInstanceId=" + instance.getId(), List.class);
        assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(history.getBody()).extracting(a -> ((Map<?, ?>) a).get("activityId"))
                .contains("StartEvent_QuoteRequested", "Task_CreateQuote");

        ResponseEntity<List> variables = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/engine-rest/history/variable-instance?processInstanceId=" + instance.getId(), List.class);
        assertThat(variables.getBody()).extracting(v -> ((Map<?, ?>) v).get("name")).contains("contractNumber");
    }

    @Test
    void staffReadContractsButCannotChangeOrDeleteThem() {
        ProcessInstance instance = startQuoteAs(TestUsers.SALES);
        ResponseEntity<List> asAccounting = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .getForEntity("/engine-rest/process-instance?businessKey=" + instance.getBusinessKey(), List.class);
        assertThat(asAccounting.getBody()).hasSize(1);
        ResponseEntity<String> delete = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD).exchange(
                "/engine-rest/process-instance/" + instance.getId(), HttpMethod.DELETE, null, String.class);
        assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> change = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).exchange(
                "/engine-rest/process-instance/" + instance.getId() + "/variables/stage", HttpMethod.PUT,
                new HttpEntity<>(Map.of("value", "CLOSED", "type", "String"), headers), String.class);
        assertThat(change.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD).getForEntity(
                "/engine-rest/process-instance/" + instance.getId(), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlySalesAndManagersStartQuotes() {
        Map<String, Object> body = Map.of("variables", Map.of("clientName", Map.of("value", "X")));
        ResponseEntity<String> response = rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/process-definition/key/training-contract/submit-form", body, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aRefusedStartFormIsABadRequestWithTheFrenchReason() {
        Map<String, Object> variables = new java.util.HashMap<>();
        QuoteForms.company(calendar.today().plusMonths(2)).forEach((k, v) -> variables.put(k, Map.of("value", v)));
        variables.put("priceNet", Map.of("value", "0"));
        ResponseEntity<String> response = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/process-definition/key/training-contract/submit-form", Map.of("variables", variables), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Le montant doit être supérieur à zéro.");
    }

    @Test
    void javaSerializedVariablesAreRefused() {
        ProcessInstance instance = startQuoteAs(TestUsers.SALES);
        Map<String, Object> variable = Map.of("value", "rO0ABXQABGFiY2Q=", "type", "Object",
                "valueInfo", Map.of("objectTypeName", "java.lang.String",
                        "serializationDataFormat", "application/x-java-serialized-object"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = rest.withBasicAuth("admin", "test-admin-secret").exchange(
                "/engine-rest/process-instance/" + instance.getId() + "/variables/payload", HttpMethod.PUT,
                new HttpEntity<>(variable, headers), String.class);
        assertThat(response.getStatusCode().is4xxClientError() || response.getStatusCode().is5xxServerError()).isTrue();
        assertThat(response.getBody()).contains("serialization");
    }

    @Test
    void noDatabaseConsoleAndOnlyHealthIsPublic() {
        assertThat(rest.getForEntity("/h2-console", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/actuator/env", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/actuator/beans", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void webappRefusesStateChangesWithoutCsrfToken() {
        MultiValueMap<String, String> login = new LinkedMultiValueMap<>();
        login.add("username", TestUsers.MANAGER);
        login.add("password", TestUsers.PASSWORD);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> response = rest.postForEntity("/camunda/api/admin/auth/user/default/login/cockpit",
                new HttpEntity<>(login, headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
    }

    private ProcessInstance startQuoteAs(String userId) {
        identityService.setAuthentication(userId, List.of("sales"));
        try {
            return formService.submitStartForm(
                    repositoryService.createProcessDefinitionQuery().processDefinitionKey("training-contract")
                            .latestVersion().singleResult().getId(),
                    QuoteForms.company(calendar.today().plusMonths(2)));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static HttpEntity<MultiValueMap<String, Object>> deployment() {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <process id="security-probe" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="s"/>
                  </process>
                </definitions>""";
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "security-probe");
        parts.add("data", new ByteArrayResource(bpmn.getBytes()) {
            @Override
            public String getFilename() {
                return "security-probe.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(parts, headers);
    }
}
