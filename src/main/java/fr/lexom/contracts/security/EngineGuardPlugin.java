package fr.lexom.contracts.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Installs the engine guard: {@link EngineGuard} first in both command chains (one instance each: an interceptor knows
 * its next one), and the guarded management and filter services. At the engine's level, so that every door into it is
 * guarded the same way: {@code /engine-rest}, the webapps' API behind Tasklist and Cockpit, the app's {@code /api}, and
 * Java code running as a user.
 */
@Component
class EngineGuardPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                first(new EngineGuard(configuration), configuration.getCustomPreCommandInterceptorsTxRequired()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                first(new EngineGuard(configuration), configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
        configuration.setManagementService(new GuardedServices.Management(configuration));
        configuration.setFilterService(new GuardedServices.Filters(configuration));
    }

    private static List<CommandInterceptor> first(CommandInterceptor guard, List<CommandInterceptor> others) {
        List<CommandInterceptor> chain = new ArrayList<>();
        chain.add(guard);
        if (others != null) {
            chain.addAll(others);
        }
        return chain;
    }
}
