package fr.lexom.contracts.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole app on a real port, on H2 or PostgreSQL (see {@link TestDatabase}), with process coverage.
 * Every class with this annotation shares one Spring context, so one engine, and starts each test with the login
 * throttle empty ({@link FreshLoginThrottle}); every /api response its tests see is
 * checked against the OpenAPI document ({@link OpenApiContract}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
@ExtendWith(TestDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(FreshLoginThrottle.class)
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, TestUsers.class, OpenApiContract.class})
public @interface IntegrationTest {
}
