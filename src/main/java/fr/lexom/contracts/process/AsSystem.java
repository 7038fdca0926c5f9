package fr.lexom.contracts.process;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the application, outside the caller's authorizations, and restores the caller after. For
 * work the caller is entitled to by the app's own checks (a group check of /api, a task the caller may complete)
 * but that touches instances the caller cannot read in Cockpit.
 */
@Component
public class AsSystem {

    private final IdentityService identityService;

    public AsSystem(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T run(Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
