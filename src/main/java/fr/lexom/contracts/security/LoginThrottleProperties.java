package fr.lexom.contracts.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Temporary lock after failed passwords ({@code lexom.security.login.*}): a user id after {@code maxFailures}
 * failures within {@code window}, a client address after {@code addressMaxFailures} failures (any user ids) within
 * the same window; either is then refused for {@code lockDuration}, right password or not. {@code maxEntries}
 * bounds the user ids and the addresses kept in memory (each).
 *
 * <p>The address threshold is higher than the user's: colleagues behind one office address (NAT) mistype too, and
 * an address lock refuses all of them.
 */
@ConfigurationProperties("lexom.security.login")
public record LoginThrottleProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("20") int addressMaxFailures,
        @DefaultValue("PT15M") Duration window,
        @DefaultValue("PT15M") Duration lockDuration,
        @DefaultValue("10000") int maxEntries) {

    public LoginThrottleProperties {
        if (maxFailures < 1 || addressMaxFailures < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("lexom.security.login: max-failures, address-max-failures and max-entries must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero() || lockDuration == null || lockDuration.isNegative()
                || lockDuration.isZero()) {
            throw new IllegalArgumentException("lexom.security.login: window and lock-duration must be positive durations");
        }
    }
}
