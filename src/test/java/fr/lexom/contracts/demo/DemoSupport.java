package fr.lexom.contracts.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationContext;

/**
 * The demo of the embedded default inside the shared test context, where it is off: its users (DemoData's, with the
 * demo password) and its contracts, made by the first caller ({@link DemoContracts#seed()} is idempotent).
 */
public final class DemoSupport {

    public static final String PASSWORD = "demo";

    private DemoSupport() {
    }

    /** The demo users and contracts; returns each case's contract number (the data request: its process instance). */
    public static Map<DemoCase, String> make(ApplicationContext context) {
        ensureUsers(context.getBean(IdentityService.class));
        DemoContracts demo = context.getAutowireCapableBeanFactory().createBean(DemoContracts.class);
        DemoContracts.Outcome outcome = demo.seed();
        assertThat(outcome.failures()).as("demo steps that failed").isEmpty();
        return demo.cases();
    }

    /** DemoData's users (sophie, camille, paul, marie, dominique) in their groups, as the embedded default has them. */
    public static void ensureUsers(IdentityService identity) {
        for (List<String> u : DemoData.USERS) {
            if (identity.createUserQuery().userId(u.get(0)).count() == 0) {
                User user = identity.newUser(u.get(0));
                user.setFirstName(u.get(1));
                user.setLastName(u.get(2));
                user.setEmail(u.get(0) + "@lexom.fr");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
                identity.createMembership(u.get(0), u.get(3));
            }
        }
    }
}
