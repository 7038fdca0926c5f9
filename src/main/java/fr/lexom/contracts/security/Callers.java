package fr.lexom.contracts.security;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is calling the engine, as the guard sees it. A call with no authenticated user is the application itself (a
 * timer, the job executor, a delegate, {@code AsSystem}): the doors (REST, webapps, /api) always authenticate their
 * caller first, so a missing user never comes from outside.
 */
final class Callers {

    private Callers() {
    }

    /** The authenticated caller, or null when the application itself calls (no user). */
    static Authentication user(ProcessEngineConfigurationImpl configuration) {
        Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? null : authentication;
    }

    /** True for Camunda's administrators: a member of an admin group, or a configured admin user. */
    static boolean isAdmin(ProcessEngineConfigurationImpl configuration, Authentication caller) {
        List<String> groups = caller.getGroupIds();
        if (groups == null) {
            // a Java caller that set only its user id: look its groups up, as the authorization checks would
            groups = configuration.getIdentityService().createGroupQuery().groupMember(caller.getUserId()).list()
                    .stream().map(g -> g.getId()).toList();
        }
        List<String> adminGroups = configuration.getAdminGroups();
        if (adminGroups != null && groups.stream().anyMatch(adminGroups::contains)) {
            return true;
        }
        List<String> adminUsers = configuration.getAdminUsers();
        return adminUsers != null && adminUsers.contains(caller.getUserId());
    }

    /** True when the command is called from outside the engine, not from code the engine runs (a delegate). */
    static boolean fromOutside() {
        return Context.getCommandContext() == null;
    }
}
