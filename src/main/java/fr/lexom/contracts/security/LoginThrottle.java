package fr.lexom.contracts.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Temporary locks after failed passwords, per user id and per client address (see {@link LoginThrottleProperties}).
 * Asked by {@link LoginThrottlePlugin} around every password check of the engine, whatever the door (webapps'
 * login page, HTTP Basic on /engine-rest and /api).
 *
 * <p>The state is in memory: the app runs as one node, and a lock only needs to outlive its 15 minutes, not a
 * restart (a restart ends the locks, which only gives an attacker back what the lock took). In a cluster each
 * node throttles on its own: an attacker spreading guesses over N nodes gets N times the failures before every
 * node has locked, still a handful of guesses per quarter of an hour, and never a permanent lock. Both maps are
 * bounded ({@code max-entries}) and forget what has expired.
 *
 * <p>Time is the engine's clock ({@link ClockUtil}), like Camunda's own login delays, so tests step it instead of
 * sleeping. A lock counts only between its start and its end: a clock moved back before the start ends it.
 *
 * <p>Unknown user ids are tracked and locked like real ones, so that a lock tells nothing about which ids exist.
 */
@Component
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginThrottleProperties properties;
    private final Map<String, Attempts> users = new HashMap<>();
    private final Map<String, Attempts> addresses = new HashMap<>();
    private boolean fullReported;

    public LoginThrottle(LoginThrottleProperties properties) {
        this.properties = properties;
    }

    public LoginThrottleProperties properties() {
        return properties;
    }

    /** The end of the lock (epoch millis) of this user id or of this address, if either is locked now. */
    synchronized OptionalLong lockedUntil(String userId, String address) {
        long now = now();
        long until = Math.max(lockEnd(users.get(key(userId)), now), address == null ? 0 : lockEnd(addresses.get(address), now));
        return until > now ? OptionalLong.of(until) : OptionalLong.empty();
    }

    /** Records a wrong password; answers the end of the lock if the user id or the address is now locked. */
    synchronized OptionalLong failed(String userId, String address) {
        long now = now();
        String user = key(userId);
        Attempts byUser = attempts(users, user, now);
        if (byUser != null && byUser.fail(now, properties.window(), properties.maxFailures(), properties.lockDuration())) {
            LOG.warn("Login locked until {} for user '{}': {} wrong passwords within {} (the last from {})",
                    Instant.ofEpochMilli(byUser.lockedUntil), user, properties.maxFailures(), human(properties.window()),
                    address == null ? "no client address" : address);
        }
        if (address != null) {
            Attempts byAddress = attempts(addresses, address, now);
            if (byAddress != null && byAddress.fail(now, properties.window(), properties.addressMaxFailures(), properties.lockDuration())) {
                LOG.warn("Login locked until {} for client address {}: {} wrong passwords within {} (the last for user '{}')",
                        Instant.ofEpochMilli(byAddress.lockedUntil), address, properties.addressMaxFailures(),
                        human(properties.window()), user);
            }
        }
        long until = Math.max(lockEnd(users.get(user), now), address == null ? 0 : lockEnd(addresses.get(address), now));
        return until > now ? OptionalLong.of(until) : OptionalLong.empty();
    }

    /**
     * A right password: the user's failures are forgotten. The address's are not: an attacker with an account of
     * their own must not clear their address's count by logging in between guesses.
     */
    synchronized void succeeded(String userId) {
        users.remove(key(userId));
    }

    /** Forgets every failure and lock (tests). */
    public synchronized void reset() {
        users.clear();
        addresses.clear();
        fullReported = false;
    }

    static long now() {
        return ClockUtil.getCurrentTime().getTime();
    }

    private static String key(String userId) {
        return userId == null ? "" : userId;
    }

    private static long lockEnd(Attempts attempts, long now) {
        return attempts != null && attempts.lockedAt(now) ? attempts.lockedUntil : 0;
    }

    /** The attempts of this key, created if missing; null if the map is full of live locks (then not tracked). */
    private Attempts attempts(Map<String, Attempts> map, String key, long now) {
        Attempts attempts = map.get(key);
        if (attempts != null) {
            return attempts;
        }
        if (map.size() >= properties.maxEntries()) {
            map.values().removeIf(a -> a.idle(now, properties.window()));
        }
        if (map.size() >= properties.maxEntries()) {
            // still full: forget an entry that is not locked (its failures), never a lock
            for (Iterator<Attempts> it = map.values().iterator(); it.hasNext() && map.size() >= properties.maxEntries(); ) {
                if (!it.next().lockedAt(now)) {
                    it.remove();
                }
            }
        }
        if (map.size() >= properties.maxEntries()) {
            if (!fullReported) {
                LOG.warn("Login throttle full: {} locked entries; new user ids or addresses are not tracked until some expire",
                        map.size());
                fullReported = true;
            }
            return null;
        }
        fullReported = false;
        attempts = new Attempts();
        map.put(key, attempts);
        return attempts;
    }

    static String human(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes > 0 && duration.equals(Duration.ofMinutes(minutes)) ? minutes + " min" : duration.toString();
    }

    /** The recent failures of one user id or one address, and its lock. */
    private static final class Attempts {
        private final ArrayDeque<Long> failures = new ArrayDeque<>();
        private long lockedFrom;
        private long lockedUntil;

        /** Records a failure; true if it starts a lock. */
        boolean fail(long now, Duration window, int maxFailures, Duration lockDuration) {
            forgetOutside(now, window);
            failures.addLast(now);
            if (failures.size() < maxFailures) {
                return false;
            }
            failures.clear();
            lockedFrom = now;
            lockedUntil = now + lockDuration.toMillis();
            return true;
        }

        boolean lockedAt(long now) {
            return lockedFrom <= now && now < lockedUntil;
        }

        boolean idle(long now, Duration window) {
            forgetOutside(now, window);
            return failures.isEmpty() && !lockedAt(now);
        }

        private void forgetOutside(long now, Duration window) {
            long from = now - window.toMillis();
            failures.removeIf(t -> t <= from || t > now);
        }
    }
}
