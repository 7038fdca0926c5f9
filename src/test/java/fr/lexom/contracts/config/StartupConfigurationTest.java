package fr.lexom.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.LexomApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * No default password and no demo data outside the embedded demo profile.
 *
 * <p>Each refused start runs in a JVM of its own, as an operator would start the app: in the suite's JVM, the engine a
 * refused start builds and closes again would unregister its name, and the webapps' static state, from under the
 * shared test context that already runs there (it did: every later webapp login answered « Process engine with name
 * default does not exist »).
 */
class StartupConfigurationTest {

    /** The variables an operator sets; the child JVM starts without them whatever this machine's environment holds. */
    private static final List<String> SECRETS = List.of("LEXOM_ADMIN_PASSWORD", "LEXOM_PARTICIPANT_LINK_SECRET");

    @Test
    void refusesToStartWithoutAnAdminPasswordOutsideTheDemo() throws Exception {
        Refusal refusal = start("no-admin-password",
                "--LEXOM_PARTICIPANT_LINK_SECRET=a-participant-link-secret-of-32-chars-at-least");
        assertThat(refusal.exitCode()).as(refusal.output()).isNotZero();
        assertThat(refusal.output()).contains("No admin password: set LEXOM_ADMIN_PASSWORD");
    }

    @Test
    void refusesToStartWithoutASecretForParticipantsLinksOutsideTheDemo() throws Exception {
        Refusal refusal = start("no-link-secret",
                "--LEXOM_ADMIN_PASSWORD=an-admin-password"); // read by application.yaml's placeholder
        assertThat(refusal.exitCode()).as(refusal.output()).isNotZero();
        assertThat(refusal.output()).contains("No secret for participants' links: set LEXOM_PARTICIPANT_LINK_SECRET");
    }

    private record Refusal(int exitCode, String output) {
    }

    /**
     * Starts the app under a profile that is not the demo's (application-default.yaml is then not loaded) on an
     * in-memory database, and waits for it to give up; an app that starts after all is stopped and fails the test.
     */
    private static Refusal start(String name, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                LexomApplication.class.getName(),
                "--spring.profiles.active=production-like",
                "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "--server.port=0", "--lexom.mail.drop-folder=target/" + name + "-mail"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        SECRETS.forEach(builder.environment()::remove);
        Process app = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (var in = app.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!app.waitFor(3, TimeUnit.MINUTES)) {
            app.destroyForcibly().waitFor();
            throw new AssertionError("the app started without refusing: " + output.get(10, TimeUnit.SECONDS));
        }
        return new Refusal(app.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    @Test
    void demoUsersAndDataOnlyInTheDefaultProfile() throws IOException {
        assertThat(load("application-default.yaml").getProperty("lexom.demo.enabled")).isEqualTo(true);
        assertThat(load("application.yaml").getProperty("lexom.demo.enabled")).isNull();
        assertThat(load("application-postgres.yaml").getProperty("lexom.demo.enabled")).isNull();
        assertThat(load("application.yaml").getProperty("camunda.bpm.admin-user.password"))
                .hasToString("${LEXOM_ADMIN_PASSWORD}");
        assertThat(load("application-postgres.yaml").getProperty("spring.datasource.password"))
                .hasToString("${SPRING_DATASOURCE_PASSWORD}");
    }

    private static PropertySource<?> load(String name) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(name, new ClassPathResource(name));
        return sources.get(0);
    }
}
