package fr.lexom.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.lexom.contracts.identity.Groups;
import fr.lexom.contracts.support.IntegrationTest;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * No permanent lock-out from anonymous guesses: wrong passwords lock a user id, or a client address, for a quarter
 * of an hour (lexom.security.login.*: 5 per user, 20 per address, within 15 minutes), on every door, and never for
 * good. The engine's clock is stepped past Camunda's delays (at most 60 s) and past the locks instead of sleeping.
 * Own users only: the shared TestUsers must never be locked for the test classes that follow.
 */
@IntegrationTest
class LoginThrottleTest {

    static final String USER = "ltcamille";
    static final String OTHER = "ltbastien";
    static final String PASSWORD = "lt-right-password";
    static final String WRONG = "lt-wrong-guess";
    static final String ELSEWHERE = "203.0.113.7";
    static final String FRENCH = "Trop de tentatives de connexion : réessayez dans ";

    static final Duration PAST_CAMUNDA_DELAY = Duration.ofSeconds(61);
    static final Duration PAST_LOCK = Duration.ofMinutes(16);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;
    @Autowired
    ProcessEngine engine;
    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void start() {
        ClockUtil.setCurrentTime(new Date());
        throttle.reset();
        for (String id : List.of(USER, OTHER)) {
            if (identityService.createUserQuery().userId(id).count() == 0) {
                User user = identityService.newUser(id);
                user.setFirstName(id);
                user.setLastName("Throttle");
                user.setEmail(id + "@lexom.test");
                user.setPassword(PASSWORD);
                identityService.saveUser(user);
                identityService.createMembership(id, Groups.SALES);
                // through the /engine-rest door too (administrators and the technical group only)
                identityService.createMembership(id, Groups.ENGINE_API);
            }
            identityService.unlockUser(id);
        }
    }

    @AfterEach
    void leaveNothingLocked() {
        ClockUtil.reset();
        throttle.reset(); // 127.0.0.1 is every test's address
        identityService.unlockUser(USER);
        identityService.unlockUser(OTHER);
    }

    @Test
    void moreWrongPasswordsThanCamundasLimitNeverLockAnAccountForGood() {
        for (int i = 0; i < 15; i++) {
            step(PAST_CAMUNDA_DELAY);
            if (i > 0 && i % 5 == 0) {
                step(PAST_LOCK); // past the temporary lock the fifth failure set
            }
            assertThat(Door.values()[i % 3].attempt(this, USER, WRONG).getStatusCode().is4xxClientError()).isTrue();
        }
        int camundaCounter = camundaAttempts(USER);

        step(PAST_LOCK);
        for (Door door : Door.values()) {
            assertThat(door.attempt(this, USER, PASSWORD).getStatusCode()).as(door.name()).isEqualTo(HttpStatus.OK);
        }
        assertThat(camundaCounter).as("Camunda's own counter went past its former limit of 10").isGreaterThan(10);
        assertThat(camundaAttempts(USER)).isZero();
    }

    @Test
    void fiveWrongPasswordsLockTheUserFromEveryAddressForAQuarterOfAnHour() {
        for (int i = 1; i <= 4; i++) {
            step(PAST_CAMUNDA_DELAY);
            assertThat(Door.ENGINE_REST.attempt(this, USER, WRONG).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        step(PAST_CAMUNDA_DELAY);
        ResponseEntity<String> fifth = Door.ENGINE_REST.attempt(this, USER, WRONG);
        assertThat(fifth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(fifth.getBody()).contains(FRENCH + "15 minutes.");

        step(PAST_CAMUNDA_DELAY);
        ResponseEntity<String> right = Door.ENGINE_REST.attempt(this, USER, PASSWORD);
        assertThat(right.getStatusCode()).as("the right password, while locked").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(right.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(right.getBody()).contains("\"title\":\"Trop de tentatives de connexion\"", "\"status\":429",
                FRENCH + "14 minutes.");
        assertThat(Long.parseLong(right.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isEqualTo(15 * 60 - 61);
        assertThat(checkFrom(ELSEWHERE, USER, PASSWORD)).as("the user from another address").isFalse();
        assertThat(Door.ENGINE_REST.attempt(this, OTHER, PASSWORD).getStatusCode())
                .as("another user from the same address").isEqualTo(HttpStatus.OK);

        step(Duration.ofMinutes(14));
        assertThat(Door.ENGINE_REST.attempt(this, USER, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void twentyWrongPasswordsFromOneAddressLockThatAddressForEveryUser() {
        for (int i = 1; i <= 19; i++) {
            assertThat(Door.API.attempt(this, "ltghost" + i, WRONG).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(Door.API.attempt(this, "ltghost20", WRONG).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        ResponseEntity<String> api = Door.API.attempt(this, USER, PASSWORD);
        assertThat(api.getStatusCode()).as("a user who never failed, from that address").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(api.getBody()).contains(FRENCH + "15 minutes.");
        assertThat(api.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("900");
        assertThat(Door.WEBAPP.attempt(this, USER, PASSWORD).getBody()).contains(FRENCH + "15 minutes.");
        assertThat(checkFrom(ELSEWHERE, USER, PASSWORD)).as("the same user from another address").isTrue();

        step(PAST_LOCK);
        assertThat(Door.API.attempt(this, USER, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theWebappsLoginPageSaysInFrenchWhenToTryAgain() {
        for (int i = 1; i <= 4; i++) {
            step(PAST_CAMUNDA_DELAY);
            ResponseEntity<String> refused = Door.WEBAPP.attempt(this, USER, WRONG);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(refused.getBody()).doesNotContain("Trop de tentatives");
        }
        step(PAST_CAMUNDA_DELAY);
        ResponseEntity<String> fifth = Door.WEBAPP.attempt(this, USER, WRONG);
        // 401: the login page shows the answer's "message" (commons-ui auth/page/form.js) and stays on the form
        assertThat(fifth.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(fifth.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(fifth.getBody()).contains("\"message\":\"" + FRENCH + "15 minutes.\"");
        assertThat(fifth.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("900");

        step(Duration.ofMinutes(14).plusSeconds(30));
        ResponseEntity<String> right = Door.WEBAPP.attempt(this, USER, PASSWORD);
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(right.getBody()).contains("\"message\":\"" + FRENCH + "1 minute.\"");

        step(Duration.ofSeconds(31));
        assertThat(Door.WEBAPP.attempt(this, USER, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theAppApiAnswersALockedLoginWithFrenchProblemDetails() {
        for (int i = 1; i <= 5; i++) {
            step(PAST_CAMUNDA_DELAY);
            Door.API.attempt(this, USER, WRONG);
        }
        ResponseEntity<String> right = Door.API.attempt(this, USER, PASSWORD);
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(right.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(right.getBody()).contains("\"title\":\"Trop de tentatives de connexion\"", "\"detail\":\"" + FRENCH
                + "15 minutes.\"").doesNotContain("Authentification requise");
        assertThat(right.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("900");
        assertThat(right.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();

        step(PAST_LOCK);
        assertThat(Door.API.attempt(this, USER, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void eachLockIsLoggedAsAWarningWithTheUserButNeverThePassword() {
        Logger logger = (Logger) LoggerFactory.getLogger(LoginThrottle.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            for (int i = 1; i <= 5; i++) {
                step(PAST_CAMUNDA_DELAY);
                Door.ENGINE_REST.attempt(this, USER, WRONG);
            }
            step(PAST_CAMUNDA_DELAY);
            Door.ENGINE_REST.attempt(this, USER, PASSWORD); // refused while locked: no second lock, no second warning
        } finally {
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("Login locked", "'" + USER + "'", "127.0.0.1");
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(WRONG, PASSWORD));
    }

    @Test
    void camundasDelayAfterAWrongPasswordIsKept() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(configuration.getLoginDelayBase()).isEqualTo(3);
        assertThat(configuration.getLoginDelayFactor()).isEqualTo(2);
        assertThat(configuration.getLoginDelayMaxTime()).isEqualTo(60);

        assertThat(Door.ENGINE_REST.attempt(this, USER, WRONG).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(Door.ENGINE_REST.attempt(this, USER, PASSWORD).getStatusCode())
                .as("the right password within Camunda's 3 s delay").isEqualTo(HttpStatus.UNAUTHORIZED);
        step(Duration.ofSeconds(4));
        assertThat(Door.ENGINE_REST.attempt(this, USER, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anAccountCamundaHadLockedForGoodIsUnlocked() {
        lockForGoodAsCamundaDid(USER);
        assertThat(Door.ENGINE_REST.attempt(this, USER, PASSWORD).getStatusCode())
                .as("10 failures no longer lock for good").isEqualTo(HttpStatus.OK);
        assertThat(camundaAttempts(USER)).isZero();

        lockForGoodAsCamundaDid(USER);
        assertThat(LoginThrottlePlugin.unlockPermanentlyLocked(identityService)).isGreaterThanOrEqualTo(1);
        assertThat(camundaAttempts(USER)).as("unlocked at start").isZero();
    }

    /** The doors where a password is checked, each as a client uses it. */
    enum Door {
        ENGINE_REST {
            @Override
            ResponseEntity<String> attempt(LoginThrottleTest test, String user, String password) {
                return test.rest.withBasicAuth(user, password).getForEntity("/engine-rest/process-definition", String.class);
            }
        },
        API {
            @Override
            ResponseEntity<String> attempt(LoginThrottleTest test, String user, String password) {
                return test.rest.withBasicAuth(user, password).getForEntity("/api/interest-rates", String.class);
            }
        },
        /** Tasklist's login page: the CSRF cookie and header from a GET, then the form. */
        WEBAPP {
            @Override
            ResponseEntity<String> attempt(LoginThrottleTest test, String user, String password) {
                ResponseEntity<String> page = test.rest.getForEntity("/camunda/api/engine/engine/", String.class);
                String cookies = String.join("; ", page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of())
                        .stream().map(c -> c.split(";", 2)[0]).toList());
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
                headers.add(HttpHeaders.COOKIE, cookies);
                headers.add("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
                LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
                form.add("username", user);
                form.add("password", password);
                return test.rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
                        new HttpEntity<>(form, headers), String.class);
            }
        };

        abstract ResponseEntity<String> attempt(LoginThrottleTest test, String user, String password);
    }

    /** A password check as if from another client address (the requests of this test all come from 127.0.0.1). */
    private boolean checkFrom(String address, String user, String password) {
        LoginRequest.begin(address);
        try {
            return identityService.checkPassword(user, password);
        } finally {
            LoginRequest.end();
        }
    }

    private void lockForGoodAsCamundaDid(String userId) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> {
                    UserEntity user = (UserEntity) context.getReadOnlyIdentityProvider().findUserById(userId);
                    context.getIdentityInfoManager().updateUserLock(user,
                            LoginThrottlePlugin.CAMUNDA_DEFAULT_MAX_ATTEMPTS, new Date(ClockUtil.getCurrentTime().getTime() - 1000));
                    return null;
                });
        assertThat(camundaAttempts(userId)).isEqualTo(10);
    }

    private int camundaAttempts(String userId) {
        return ((UserEntity) identityService.createUserQuery().userId(userId).singleResult()).getAttempts();
    }

    private static void step(Duration duration) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    }
}
