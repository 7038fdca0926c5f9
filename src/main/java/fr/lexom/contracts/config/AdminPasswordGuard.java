package fr.lexom.contracts.config;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * No default password outside the demo: Spring binds an unresolved {@code ${LEXOM_ADMIN_PASSWORD}} as the
 * literal text, which would become the admin's password. Refuse to build the engine instead.
 */
@Component
class AdminPasswordGuard extends AbstractProcessEnginePlugin {

    static final String PROPERTY = "camunda.bpm.admin-user.password";

    private final Environment environment;

    AdminPasswordGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        String password;
        try {
            password = environment.getProperty(PROPERTY);
        } catch (IllegalArgumentException unresolved) {
            password = null;
        }
        if (password == null || password.isBlank() || password.contains("${")) {
            throw new IllegalStateException("No admin password: set LEXOM_ADMIN_PASSWORD (there is no default "
                    + "password outside the embedded demo profile).");
        }
    }
}
