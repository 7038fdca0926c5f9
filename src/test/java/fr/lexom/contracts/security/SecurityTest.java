package fr.lexom.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import fr.lexom.contracts.support.WebappSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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

/**
 * Secure by default: every door demands authentication, authorization checks and the engine guard decide what each
 * group may do. The attacks of issue 20 are here as they were reproduced on 7.24.0 CE, each through every door it
 * came through: {@code /engine-rest}, the webapps' API with a Tasklist or Cockpit session, and Java.
 */
@IntegrationTest
class SecurityTest {

    /** Runs {@code touch <marker>} on the server if the engine evaluates it (the RCE of issue 20, attack 1). */
    private static String commandExpression(Path marker) {
        return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null).exec(\"touch "
                + marker + "\")}";
    }

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
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService engineAuthorizations;
    @Autowired
    LoginThrottle loginThrottle;

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
    void anEngineApiUserCannotDeployEither() {
        long before = repositoryService.createDeploymentQuery().count();
        ResponseEntity<String> response = rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/deployment/create", deployment(), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
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

    /** The door table of the README: staff keep Tasklist, Cockpit and /api; /engine-rest is not theirs. */
    @Test
    void engineRestIsForAdministratorsAndTheIntegrationGroupOnly() {
        for (String staff : List.of(TestUsers.SALES, TestUsers.COORDINATION, TestUsers.ACCOUNTING, TestUsers.MANAGER,
                TestUsers.DPO)) {
            ResponseEntity<String> response = rest.withBasicAuth(staff, TestUsers.PASSWORD)
                    .getForEntity("/engine-rest/process-definition", String.class);
            assertThat(response.getStatusCode()).as(staff).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(response.getBody()).as(staff).contains("AuthorizationException", "réservée aux administrateurs");
        }
        assertThat(rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD)
                .getForEntity("/engine-rest/process-definition", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("admin", "test-admin-secret")
                .getForEntity("/engine-rest/process-definition", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void managerReadsEveryProcessInstanceAndItsHistoryInCockpit() {
        ProcessInstance instance = startQuoteAs(TestUsers.SALES);
        WebappSession cockpit = WebappSession.login(rest, "cockpit", TestUsers.MANAGER, TestUsers.PASSWORD);

        ResponseEntity<String> running = cockpit.get("/process-instance?businessKey=" + instance.getBusinessKey());
        assertThat(running.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(running.getBody()).contains(instance.getId());

        ResponseEntity<String> history = cockpit.get("/history/activity-instance?processInstanceId=" + instance.getId());
        assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(history.getBody()).contains("StartEvent_QuoteRequested", "Task_CreateQuote");

        ResponseEntity<String> variables = cockpit.get("/history/variable-instance?processInstanceId=" + instance.getId());
        assertThat(variables.getBody()).contains("contractNumber");
    }

    @Test
    void staffReadContractsButCannotChangeOrDeleteThem() {
        ProcessInstance instance = startQuoteAs(TestUsers.SALES);
        WebappSession accounting = WebappSession.login(rest, "tasklist", TestUsers.ACCOUNTING, TestUsers.PASSWORD);
        assertThat(accounting.get("/process-instance?businessKey=" + instance.getBusinessKey()).getBody())
                .contains(instance.getId());
        assertThat(accounting.delete("/process-instance/" + instance.getId()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        WebappSession sales = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        ResponseEntity<String> change = sales.put("/process-instance/" + instance.getId() + "/variables/stageLabel",
                Map.of("value", "Clôturé", "type", "String"));
        assertThat(change.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtimeService.getVariable(instance.getId(), "stageLabel")).isNotEqualTo("Clôturé");
    }

    @Test
    void onlySalesAndManagersStartQuotes() {
        Map<String, Object> body = Map.of("variables", Map.of("clientName", Map.of("value", "X")));
        WebappSession accounting = WebappSession.login(rest, "tasklist", TestUsers.ACCOUNTING, TestUsers.PASSWORD);
        ResponseEntity<String> response = accounting.post("/process-definition/key/training-contract/submit-form", body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aRefusedStartFormIsABadRequestWithTheFrenchReason() {
        Map<String, Object> variables = quoteFormVariables();
        variables.put("priceNet", Map.of("value", "0"));
        WebappSession sales = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        ResponseEntity<String> response = sales.post("/process-definition/key/training-contract/submit-form",
                Map.of("variables", variables));
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


    // --- issue 20, attack 1: an OS command run through an expression in the or-queries of a task query

    @Test
    void anExpressionInTheOrQueriesOfATaskQueryNeverRuns_throughEngineRest() throws Exception {
        Path marker = marker();
        Map<String, Object> body = Map.of("orQueries", List.of(Map.of("assigneeExpression", commandExpression(marker))));
        ResponseEntity<String> response = rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/task", json(body), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Expressions are forbidden");
        // and as the sales user of the report, the door itself is closed
        assertThat(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).postForEntity("/engine-rest/task", json(body),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertNeverCreated(marker);
    }

    @Test
    void anExpressionInTheOrQueriesOfAFilterListNeverRuns_throughEngineRest() throws Exception {
        Path marker = marker();
        Filter filter = readableFilter();
        Map<String, Object> body = Map.of("orQueries", List.of(Map.of("assigneeExpression", commandExpression(marker))));
        ResponseEntity<String> list = rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/filter/" + filter.getId() + "/list", json(body), String.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> count = rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD)
                .postForEntity("/engine-rest/filter/" + filter.getId() + "/count", json(body), String.class);
        assertThat(count.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertNeverCreated(marker);
    }

    @Test
    void anExpressionInTheOrQueriesNeverRuns_fromATasklistSession() throws Exception {
        Path marker = marker();
        WebappSession tasklist = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        Map<String, Object> body = Map.of("orQueries", List.of(Map.of("assigneeExpression", commandExpression(marker))));
        ResponseEntity<String> query = tasklist.post("/task", body);
        assertThat(query.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(query.getBody()).contains("Expressions are forbidden");
        ResponseEntity<String> filterList = tasklist.post("/filter/" + readableFilter().getId() + "/list", body);
        assertThat(filterList.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertNeverCreated(marker);
    }

    @Test
    void anExpressionInTheOrQueriesNeverRuns_fromJava() throws Exception {
        Path marker = marker();
        identityService.setAuthentication(TestUsers.SALES, List.of("sales"));
        try {
            var query = taskService.createTaskQuery().or().taskAssigneeExpression(commandExpression(marker)).endOr();
            org.assertj.core.api.Assertions.assertThatThrownBy(query::list).isInstanceOf(BadUserRequestException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(query::count).isInstanceOf(BadUserRequestException.class);
            var extending = taskService.createTaskQuery().or().taskAssigneeExpression(commandExpression(marker)).endOr();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> filterService.list(readableFilter().getId(), extending))
                    .isInstanceOf(BadUserRequestException.class);
        } finally {
            identityService.clearAuthentication();
        }
        assertNeverCreated(marker);
    }

    @Test
    void aStaffMemberCannotSaveAFilterWithAnExpression() {
        // even once an operator lets a manager create filters (Admin → Authorizations → Filter)
        var authorizations = engineAuthorizations;
        var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(TestUsers.MANAGER);
        grant.setResource(org.camunda.bpm.engine.authorization.Resources.FILTER);
        grant.setResourceId("*");
        grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.CREATE);
        authorizations.saveAuthorization(grant);
        identityService.setAuthentication(TestUsers.MANAGER, List.of("managers"));
        try {
            Filter trap = filterService.newTaskFilter("piège").setQuery(
                    taskService.createTaskQuery().or().taskAssigneeExpression("${currentUser()}").endOr());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> filterService.saveFilter(trap))
                    .isInstanceOf(BadUserRequestException.class).hasMessageContaining("Only administrators");
            Filter plain = filterService.newTaskFilter("sans expression").setQuery(taskService.createTaskQuery().taskName("x"));
            filterService.saveFilter(plain);
            identityService.clearAuthentication();
            filterService.deleteFilter(plain.getId());
        } finally {
            identityService.clearAuthentication();
            authorizations.deleteAuthorization(grant.getId());
        }
        assertThat(filterService.createFilterQuery().filterName("piège").count()).isZero();
    }

    /** The guard does not break Tasklist: the stored filters' ${currentUser()} and ${currentUserGroups()} still work. */
    @Test
    void storedFiltersWithExpressionsStillListTheRightTasks() {
        ProcessInstance instance = quoteSent();
        Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        taskService.claim(task.getId(), TestUsers.SALES);
        WebappSession tasklist = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        Filter mine = filterService.createFilterQuery().filterName("Mes tâches").singleResult();
        Filter team = filterService.createFilterQuery().filterName("Tâches de mon équipe").singleResult();
        Map<String, Object> search = Map.of("processVariables", List.of(), "taskVariables", List.of(),
                "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")));
        assertThat(tasklist.post("/filter/" + mine.getId() + "/list?firstResult=0&maxResults=2000", search).getBody())
                .contains(task.getId());
        assertThat(tasklist.post("/filter/" + team.getId() + "/list?firstResult=0&maxResults=2000", search).getBody())
                .contains(task.getId());
        WebappSession other = WebappSession.login(rest, "tasklist", TestUsers.COORDINATION, TestUsers.PASSWORD);
        assertThat(other.post("/filter/" + mine.getId() + "/list?firstResult=0&maxResults=2000", search).getBody())
                .doesNotContain(task.getId());
    }

    // --- issue 20, attack 2: a start that jumps to any activity, or a modification, forging another contract's steps

    @Test
    void aStartWithInstructionsIsRefusedAndTheVictimContractIsUnchanged() {
        ProcessInstance victim = quoteSent();
        String number = victim.getBusinessKey();
        Map<String, Object> before = victimState(number);
        long instances = runtimeService.createProcessInstanceQuery().count();
        for (String activity : List.of("Task_CancelForUnpaidDeposit", "Task_IssueDepositInvoice")) {
            Map<String, Object> body = Map.of(
                    "variables", Map.of("contractNumber", Map.of("value", number, "type", "String")),
                    "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", activity)),
                    "skipCustomListeners", true);
            WebappSession sales = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
            ResponseEntity<String> fromTasklist = sales.post("/process-definition/key/training-contract/start", body);
            assertThat(fromTasklist.getStatusCode()).as(activity).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(fromTasklist.getBody()).contains("only administrators");
            ResponseEntity<String> fromRest = rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD).postForEntity(
                    "/engine-rest/process-definition/key/training-contract/start", json(body), String.class);
            assertThat(fromRest.getStatusCode()).as(activity).isEqualTo(HttpStatus.FORBIDDEN);
            // a manager may start contracts too, not at an activity of its choosing
            WebappSession cockpit = WebappSession.login(rest, "cockpit", TestUsers.MANAGER, TestUsers.PASSWORD);
            assertThat(cockpit.post("/process-definition/key/training-contract/start", body).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        identityService.setAuthentication(TestUsers.SALES, List.of("sales"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService
                    .createProcessInstanceByKey("training-contract").setVariable("contractNumber", number)
                    .startBeforeActivity("Task_CancelForUnpaidDeposit").execute(true, true))
                    .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(victimState(number)).isEqualTo(before);
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    }

    @Test
    void modifyingAnInstanceOrSendingItAMessageIsForAdministratorsOnly() {
        ProcessInstance victim = quoteSent();
        Map<String, Object> before = victimState(victim.getBusinessKey());
        WebappSession cockpit = WebappSession.login(rest, "cockpit", TestUsers.MANAGER, TestUsers.PASSWORD);
        ResponseEntity<String> modification = cockpit.post("/process-instance/" + victim.getId() + "/modification",
                Map.of("skipCustomListeners", true, "instructions",
                        List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_CancelForUnpaidDeposit"))));
        assertThat(modification.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> message = cockpit.post("/message", Map.of("messageName", "DepositPaid",
                "businessKey", victim.getBusinessKey(), "all", true));
        assertThat(message.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(victimState(victim.getBusinessKey())).isEqualTo(before);
        // an administrator still may, for repairs
        ResponseEntity<String> asAdmin = rest.withBasicAuth("admin", "test-admin-secret").postForEntity(
                "/engine-rest/process-instance/" + victim.getId() + "/modification", json(Map.of("instructions",
                        List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_RecordSignature")))), String.class);
        assertThat(asAdmin.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().processInstanceId(victim.getId()).count()).isEqualTo(2);
    }

    /** A task's form carries its own fields only: a sales user worked her own task with another contract's number. */
    @Test
    void aTaskFormCarriesOnlyItsOwnFields_anotherContractsNumberIsRefused() {
        ProcessInstance victim = quoteSent();
        ProcessInstance own = quoteSent();
        Map<String, Object> victimBefore = victimState(victim.getBusinessKey());
        Map<String, Object> ownBefore = victimState(own.getBusinessKey());
        Task task = taskService.createTaskQuery().processInstanceId(own.getId()).taskDefinitionKey("Task_RecordSignature")
                .singleResult();
        WebappSession sales = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        assertThat(sales.post("/task/" + task.getId() + "/claim", Map.of("userId", TestUsers.SALES)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> forged = Map.of("variables", Map.of(
                "signedOn", Map.of("value", calendar.today().toString(), "type", "String"),
                "acceptanceDocument", Map.of("value", "SIGNED_QUOTE", "type", "String"),
                "contractNumber", Map.of("value", victim.getBusinessKey(), "type", "String")));
        for (String action : List.of("submit-form", "complete")) {
            ResponseEntity<String> response = sales.post("/task/" + task.getId() + "/" + action, forged);
            assertThat(response.getStatusCode()).as(action).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(action).contains("contractNumber");
        }
        // a completion without the form passes the forms' text rules all the same
        ResponseEntity<String> nul = sales.post("/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
                "signedOn", Map.of("value", calendar.today().toString(), "type", "String"),
                "acceptanceDocument", Map.of("value", "SIGNED\u0000QUOTE", "type", "String"))));
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.getBody()).contains("Caractère non autorisé");
        assertThat(sales.post("/task/" + task.getId() + "/variables", Map.of("modifications", Map.of("contractNumber",
                Map.of("value", victim.getBusinessKey(), "type", "String")))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(victimState(victim.getBusinessKey())).isEqualTo(victimBefore);
        assertThat(victimState(own.getBusinessKey())).isEqualTo(ownBefore);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(own.getId(), "contractNumber")).isEqualTo(own.getBusinessKey());
        // the form's own fields still complete it
        Map<String, Object> honest = Map.of("variables", Map.of(
                "signedOn", Map.of("value", calendar.today().toString(), "type", "String"),
                "acceptanceDocument", Map.of("value", "SIGNED_QUOTE", "type", "String")));
        assertThat(sales.post("/task/" + task.getId() + "/submit-form", honest).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(jdbc.queryForObject("SELECT accepted_on FROM contract WHERE number = ?", java.sql.Date.class,
                own.getBusinessKey())).isNotNull();
        assertThat(victimState(victim.getBusinessKey())).isEqualTo(victimBefore);
    }

    /** A start carries its start form's fields only, through the form or not. */
    @Test
    void aStartCarriesOnlyItsStartFormsFields() {
        Map<String, Object> variables = quoteFormVariables();
        variables.put("depositPaid", Map.of("value", true, "type", "Boolean"));
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("training-contract").count();
        WebappSession sales = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        ResponseEntity<String> form = sales.post("/process-definition/key/training-contract/submit-form",
                Map.of("variables", variables));
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(form.getBody()).contains("depositPaid");
        ResponseEntity<String> start = sales.post("/process-definition/key/training-contract/start",
                Map.of("variables", variables));
        assertThat(start.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(start.getBody()).contains("depositPaid");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("training-contract").count())
                .isEqualTo(before);
    }

    // --- issue 20, attack 3: a job executed by someone without the right lost a retry at each refusal

    @Test
    void aRefusedJobExecutionKeepsTheJobsRetriesAndRaisesNoIncident() {
        ProcessInstance instance = quoteSent();
        Job reminder = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
                .activityId("Timer_QuoteExpiryReminder").singleResult();
        int retries = reminder.getRetries();
        WebappSession coordination = WebappSession.login(rest, "tasklist", TestUsers.COORDINATION, TestUsers.PASSWORD);
        for (int i = 0; i < 4; i++) {
            ResponseEntity<String> refused = coordination.post("/job/" + reminder.getId() + "/execute", Map.of());
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth(TestUsers.INTEGRATION, TestUsers.PASSWORD).postForEntity("/engine-rest/job/"
                    + reminder.getId() + "/execute", json(Map.of()), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        Job after = managementService.createJobQuery().jobId(reminder.getId()).singleResult();
        assertThat(after.getRetries()).isEqualTo(retries);
        assertThat(after.getExceptionMessage()).isNull();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    // --- issue 20, attack 4: eleven wrong passwords, spaced past Camunda's delays, locked an account for good

    @Test
    void elevenWrongPasswordsSpacedPastTheDelaysNeverLockAnAccountForGood() {
        String victim = "tsecvictim";
        if (identityService.createUserQuery().userId(victim).count() == 0) {
            var user = identityService.newUser(victim);
            user.setPassword(TestUsers.PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(victim, "sales");
        }
        java.util.Date now = new java.util.Date();
        try {
            for (int i = 1; i <= 11; i++) {
                now = new java.util.Date(now.getTime() + java.time.Duration.ofMinutes(8).toMillis()); // past the delays and locks
                org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(now);
                assertThat(rest.withBasicAuth(victim, "wrong-" + i).getForEntity("/api/interest-rates", String.class)
                        .getStatusCode().is4xxClientError()).isTrue();
            }
            now = new java.util.Date(now.getTime() + java.time.Duration.ofMinutes(16).toMillis());
            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(now);
            assertThat(rest.withBasicAuth(victim, TestUsers.PASSWORD).getForEntity("/api/interest-rates", String.class)
                    .getStatusCode()).as("the right password, once the temporary lock has passed").isEqualTo(HttpStatus.OK);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
            loginThrottle.reset(); // every request of the tests comes from 127.0.0.1
            identityService.unlockUser(victim);
        }
    }

    // --- issue 20, attack 5: a quote whose client name held a NUL was accepted, then its PDF failed (never sent)

    @Test
    void aQuoteWithANulInTheClientsNameIsRefusedAndNothingIsStored() {
        long contracts = jdbc.queryForObject("SELECT COUNT(*) FROM contract", Long.class);
        for (String field : List.of("clientName", "place", "clientCity")) {
            for (String bad : List.of("\\u0000", "\\u0001", "\\ud800")) {
                String body = quoteJson().replace("\"" + field + "\": \"", "\"" + field + "\": \"Imprimerie " + bad + " ");
                ResponseEntity<String> answer = rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD)
                        .postForEntity("/api/quotes", json(body), String.class);
                assertThat(answer.getStatusCode()).as(field + " " + bad).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(answer.getBody()).as(field).contains("\"field\":\"" + field + "\"", "Caractère non autorisé");
            }
        }
        // and through Tasklist's start form, with the French message the form shows
        Map<String, Object> variables = quoteFormVariables();
        variables.put("clientName", Map.of("value", "Imprimerie \u0000 du Vivarais"));
        WebappSession sales = WebappSession.login(rest, "tasklist", TestUsers.SALES, TestUsers.PASSWORD);
        ResponseEntity<String> form = sales.post("/process-definition/key/training-contract/submit-form",
                Map.of("variables", variables));
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(form.getBody()).contains("Caractère non autorisé");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contract", Long.class)).isEqualTo(contracts);
    }

    // --- issue 20, attack 6: implausible facts were stored

    @Test
    void implausibleDatesAndRatesAreRefused() {
        ProcessInstance accepted = quoteSent();
        String number = accepted.getBusinessKey();
        assertThat(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).postForEntity("/api/contracts/" + number
                + "/acceptance", json(Map.of("externalReference", "SIGN-" + number, "signedOn", calendar.today().toString(),
                "acceptanceDocument", "SIGNED_QUOTE")), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        managementService.createJobQuery().processInstanceId(accepted.getId()).executable().list()
                .forEach(job -> managementService.executeJob(job.getId())); // the deposit invoice
        long payments = jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class);
        long rates = jdbc.queryForObject("SELECT COUNT(*) FROM interest_rate", Long.class);
        long contracts = jdbc.queryForObject("SELECT COUNT(*) FROM contract", Long.class);
        assertRefused(rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD).postForEntity("/api/payments", json(
                "{\"externalReference\": \"VIR-0001\", \"contractNumber\": \"" + number + "\", \"amount\": 360.00,"
                        + " \"receivedOn\": \"0001-01-01\"}"), String.class), "receivedOn");
        assertRefused(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).postForEntity("/api/quotes", json(quoteJson()
                .replace("\"startDate\": \"" + calendar.today().plusMonths(2) + "\"", "\"startDate\": \"9999-12-30\"")
                .replace("\"endDate\": \"" + calendar.today().plusMonths(2).plusDays(1) + "\"", "\"endDate\": \"9999-12-31\"")),
                String.class), "startDate");
        assertRefused(rest.withBasicAuth(TestUsers.ACCOUNTING, TestUsers.PASSWORD).exchange("/api/interest-rates",
                HttpMethod.PUT, json("{\"kind\": \"LEGAL_PROFESSIONAL\", \"validFrom\": \"+10000-01-01\", \"rate\": 0.0355}"),
                String.class), "validFrom");
        assertRefused(rest.withBasicAuth(TestUsers.SALES, TestUsers.PASSWORD).postForEntity("/api/quotes",
                json(quoteJson().replace("\"vatRate\": 20", "\"vatRate\": -0.0")), String.class), "vatRate");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class)).isEqualTo(payments);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM interest_rate", Long.class)).isEqualTo(rates);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contract", Long.class)).isEqualTo(contracts);
    }

    private static void assertRefused(ResponseEntity<String> answer, String field) {
        assertThat(answer.getStatusCode()).as(field + " " + answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).as(field).contains("\"field\":\"" + field + "\"");
    }

    private String quoteJson() {
        return """
                {"externalReference": "WEB-%s", "clientKind": "LEGAL_ENTITY", "clientName": "Imprimerie du Vivarais",
                 "clientEmail": "contact@imprimerie-vivarais.example", "clientCity": "Aubenas", "trainingReference": "RCL-APPL-03",
                 "startDate": "%s", "endDate": "%s", "modality": "ON_SITE", "place": "LEXOM Aubenas",
                 "participants": [{"firstName": "Léa", "lastName": "Roux", "email": "lea.roux@example.org"}],
                 "priceNet": 1000.00, "vatRate": 20, "cgvEdition": "CGV_2025"}""".formatted(java.util.UUID.randomUUID(),
                calendar.today().plusMonths(2), calendar.today().plusMonths(2).plusDays(1));
    }

    // --- issue 20, attacks 7 and 8: anonymous reads, the Admin webapp's first-run setup

    @Test
    void anonymousCannotListEndpointsOrEngines() {
        assertThat(rest.getForEntity("/actuator", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/actuator/", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/engine-rest/engine/", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/actuator/info", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("admin", "test-admin-secret").getForEntity("/actuator", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theAdminSetupIsClosed() {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/admin/default/", String.class);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add(HttpHeaders.COOKIE, String.join("; ", page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of())
                .stream().map(c -> c.split(";", 2)[0]).toList()));
        headers.add("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
        Map<String, Object> body = Map.of("profile", Map.of("id", "intrus", "firstName", "I", "lastName", "I",
                "email", "i@example.org"), "credentials", Map.of("password", "Intrus-2026!"));
        // CVE-2026-77226's condition: camunda-admin without a direct member (administrators managed another way)
        identityService.deleteMembership("admin", "camunda-admin");
        try {
            ResponseEntity<String> response = rest.exchange("/camunda/api/admin/setup/default/user/create",
                    HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(identityService.createUserQuery().userId("intrus").count()).isZero();
        } finally {
            identityService.createMembership("admin", "camunda-admin");
            if (identityService.createUserQuery().userId("intrus").count() > 0) {
                identityService.deleteUser("intrus");
            }
        }
    }

    private Map<String, Object> victimState(String number) {
        Map<String, Object> state = new java.util.HashMap<>(jdbc.queryForMap(
                "SELECT stage, accepted_on FROM contract WHERE number = ?", number));
        state.put("mails", jdbc.queryForObject("SELECT COUNT(*) FROM outbox_mail WHERE contract_number = ?", Long.class, number));
        state.put("invoices", jdbc.queryForObject("SELECT COUNT(*) FROM invoice i JOIN contract c ON c.id = i.contract_id"
                + " WHERE c.number = ?", Long.class, number));
        state.put("events", jdbc.queryForObject("SELECT COUNT(*) FROM contract_event e JOIN contract c ON c.id = e.contract_id"
                + " WHERE c.number = ?", Long.class, number));
        state.put("instances", runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).count());
        return state;
    }

    /** A filter every staff member may read (TasklistFilters). */
    private Filter readableFilter() {
        return filterService.createFilterQuery().filterName("Mes tâches").singleResult();
    }

    private static Path marker() throws Exception {
        Path folder = Files.createTempDirectory("lexom-guard");
        return folder.resolve("pwned");
    }

    /** The command, had it been run, creates the file within milliseconds; give it a bounded moment to show. */
    private static void assertNeverCreated(Path marker) throws InterruptedException {
        for (int i = 0; i < 20 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertThat(marker).as("the server ran the command of the expression").doesNotExist();
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** A quote started by sales and sent (its sending job run): waiting for its signature, with its timers. */
    private ProcessInstance quoteSent() {
        ProcessInstance instance = startQuoteAs(TestUsers.SALES);
        managementService.createJobQuery().processInstanceId(instance.getId()).executable().list()
                .forEach(job -> managementService.executeJob(job.getId()));
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_RecordSignature")
                .count()).isEqualTo(1);
        return instance;
    }

    /** The values of **Nouveau devis** as Tasklist submits them to the engine's API. */
    private Map<String, Object> quoteFormVariables() {
        Map<String, Object> variables = new java.util.HashMap<>();
        QuoteForms.company(calendar.today().plusMonths(2)).forEach((k, v) -> variables.put(k, Map.of("value", v)));
        return variables;
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
