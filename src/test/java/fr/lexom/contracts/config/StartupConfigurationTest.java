package fr.lexom.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.lexom.contracts.LexomApplication;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** No default password and no demo data outside the embedded demo profile. */
class StartupConfigurationTest {

    @Test
    void refusesToStartWithoutAnAdminPasswordOutsideTheDemo() {
        assertThat(System.getenv("LEXOM_ADMIN_PASSWORD")).as("test needs LEXOM_ADMIN_PASSWORD unset").isNull();
        assertThatThrownBy(() -> new SpringApplicationBuilder(LexomApplication.class)
                .profiles("production-like") // any profile: application-default.yaml (the demo) is then not loaded
                .properties("spring.datasource.url=jdbc:h2:mem:no-admin-password;DB_CLOSE_DELAY=-1",
                        "server.port=0", "lexom.mail.drop-folder=target/no-admin-password-mail",
                        "LEXOM_PARTICIPANT_LINK_SECRET=a-participant-link-secret-of-32-chars-at-least")
                .run().close())
                .hasStackTraceContaining("LEXOM_ADMIN_PASSWORD");
    }

    @Test
    void refusesToStartWithoutASecretForParticipantsLinksOutsideTheDemo() {
        assertThat(System.getenv("LEXOM_PARTICIPANT_LINK_SECRET")).as("test needs LEXOM_PARTICIPANT_LINK_SECRET unset").isNull();
        assertThatThrownBy(() -> new SpringApplicationBuilder(LexomApplication.class)
                .profiles("production-like")
                .properties("spring.datasource.url=jdbc:h2:mem:no-link-secret;DB_CLOSE_DELAY=-1",
                        "server.port=0", "lexom.mail.drop-folder=target/no-link-secret-mail",
                        "LEXOM_ADMIN_PASSWORD=an-admin-password") // read by application.yaml's placeholder
                .run().close())
                .hasStackTraceContaining("LEXOM_PARTICIPANT_LINK_SECRET");
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
