package fr.lexom.contracts.support;

import fr.lexom.contracts.identity.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.context.TestComponent;

/** One user per staff group, created on demand (the test profile has no demo users). */
@TestComponent
public class TestUsers {

    public static final String PASSWORD = "test-password";
    public static final String SALES = "tsales";
    public static final String COORDINATION = "tcoordination";
    public static final String ACCOUNTING = "taccounting";
    public static final String MANAGER = "tmanager";
    public static final String DPO = "tdpo";
    /** A technical user of another system that may use /engine-rest (group integration) and works as sales. */
    public static final String INTEGRATION = "tintegration";

    private final IdentityService identityService;

    public TestUsers(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void ensureAll() {
        ensure(SALES, Groups.SALES);
        ensure(COORDINATION, Groups.COORDINATION);
        ensure(ACCOUNTING, Groups.ACCOUNTING);
        ensure(MANAGER, Groups.MANAGERS);
        ensure(DPO, Groups.DPO);
        ensure(INTEGRATION, Groups.ENGINE_API, Groups.SALES);
    }

    private void ensure(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setEmail(id + "@lexom.test");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            for (String group : groups) {
                identityService.createMembership(id, group);
            }
        }
    }
}
