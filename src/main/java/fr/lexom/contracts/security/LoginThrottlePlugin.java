package fr.lexom.contracts.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * No permanent lock-out from anonymous guesses. Camunda 7.24 CE locks an account for good after
 * {@code loginMaxAttempts} (10) wrong passwords, whoever typed them: anyone knowing a user id could lock out
 * {@code admin} or every member of staff. This plugin
 * <ul>
 *   <li>raises {@code loginMaxAttempts} out of reach, keeping Camunda's growing delay after each wrong password
 *   ({@code loginDelayBase}, {@code loginDelayFactor}, {@code loginDelayMaxTime}, untouched);</li>
 *   <li>puts {@link LoginThrottle}'s temporary lock, per user id and per client address, in front of every
 *   {@link CheckPassword} command, the one check behind the webapps' login, HTTP Basic on /engine-rest and on
 *   /api: while locked the check answers false without asking Camunda (whose counter and delay then stay
 *   as they are); otherwise Camunda's answer is recorded;</li>
 *   <li>at start, unlocks the accounts Camunda's former counter had locked for good.</li>
 * </ul>
 */
@Component
public class LoginThrottlePlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottlePlugin.class);

    /** Camunda's default {@code loginMaxAttempts}: an account with this many failures was locked for good. */
    static final int CAMUNDA_DEFAULT_MAX_ATTEMPTS = 10;

    private static final Field USER_ID = field("userId");

    private final LoginThrottle throttle;

    public LoginThrottlePlugin(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Camunda locks for good once ATTEMPTS_ >= loginMaxAttempts; the counter is an int column and Camunda's delay
        // is capped at loginDelayMaxTime, so this value is never reached and only the delay stays.
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CheckPasswordInterceptor(throttle));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        unlockPermanentlyLocked(engine.getIdentityService());
    }

    /** Resets Camunda's counter of the accounts its former {@code loginMaxAttempts} had locked for good. */
    static int unlockPermanentlyLocked(IdentityService identityService) {
        int unlocked = 0;
        int page = 200;
        for (int first = 0; ; first += page) {
            List<User> users = identityService.createUserQuery().orderByUserId().asc().listPage(first, page);
            for (User user : users) {
                if (user instanceof UserEntity entity && entity.getAttempts() >= CAMUNDA_DEFAULT_MAX_ATTEMPTS) {
                    identityService.unlockUser(entity.getId());
                    LOG.warn("Unlocked user '{}': {} wrong passwords had locked it for good (Camunda's former limit)",
                            entity.getId(), entity.getAttempts());
                    unlocked++;
                }
            }
            if (users.size() < page) {
                return unlocked;
            }
        }
    }

    private static Field field(String name) {
        try {
            Field field = CheckPassword.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            // fail the start rather than check passwords without the throttle
            throw new IllegalStateException("Camunda's CheckPassword has no field '" + name + "' (engine upgraded?): "
                    + "the login throttle cannot work", e);
        }
    }

    /** Around each {@link CheckPassword}, before the command context: the engine's only password check. */
    static final class CheckPasswordInterceptor extends CommandInterceptor {

        private final LoginThrottle throttle;

        CheckPasswordInterceptor(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T execute(Command<T> command) {
            if (!(command instanceof CheckPassword)) {
                return next.execute(command);
            }
            String userId = read(USER_ID, command);
            String address = LoginRequest.currentAddress();
            OptionalLong locked = throttle.lockedUntil(userId, address);
            if (locked.isPresent()) {
                LOG.debug("Password check refused for user '{}' from {}: locked until {}", userId, address, locked.getAsLong());
                LoginRequest.refusedUntil(locked.getAsLong());
                return (T) Boolean.FALSE;
            }
            T result = next.execute(command);
            if (Boolean.TRUE.equals(result)) {
                throttle.succeeded(userId);
            } else {
                throttle.failed(userId, address).ifPresent(LoginRequest::refusedUntil);
            }
            return result;
        }

        private static String read(Field field, Object command) {
            try {
                return (String) field.get(command);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read CheckPassword." + field.getName(), e);
            }
        }
    }
}
