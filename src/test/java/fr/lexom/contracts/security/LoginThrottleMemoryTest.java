package fr.lexom.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle's memory on its own: bounded, forgetting what expired, never dropping a live lock. */
class LoginThrottleMemoryTest {

    final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleProperties(2, 100, Duration.ofMinutes(15), Duration.ofMinutes(15), 3));

    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(new Date());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aFullMemoryForgetsFailuresButKeepsLocks() {
        throttle.failed("locked", null);
        assertThat(throttle.failed("locked", null)).isPresent();
        throttle.failed("a", null);
        throttle.failed("b", null);
        for (int i = 0; i < 50; i++) {
            throttle.failed("flood" + i, null); // never more than 3 user ids kept
        }
        assertThat(throttle.lockedUntil("locked", null)).as("a flood of new ids does not erase a lock").isPresent();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        throttle.failed("u", null);
        step(Duration.ofMinutes(16));
        assertThat(throttle.failed("u", null)).isEmpty();
        assertThat(throttle.failed("u", null)).isPresent();
    }

    @Test
    void aLockEndsAfterItsDurationAndWhenTheClockGoesBackBeforeIt() {
        throttle.failed("u", null);
        throttle.failed("u", null);
        step(Duration.ofMinutes(14));
        assertThat(throttle.lockedUntil("u", null)).isPresent();
        step(Duration.ofMinutes(1));
        assertThat(throttle.lockedUntil("u", null)).isEmpty();

        throttle.failed("v", null);
        throttle.failed("v", null);
        step(Duration.ofDays(-1)); // a test moving the engine clock back
        assertThat(throttle.lockedUntil("v", null)).isEmpty();
    }

    @Test
    void theMessageCountsWholeMinutesLeft() {
        assertThat(ClientAddressFilter.message(15 * 60_000, 0))
                .isEqualTo("Trop de tentatives de connexion : réessayez dans 15 minutes.");
        assertThat(ClientAddressFilter.message(60_001, 0)).endsWith("dans 2 minutes.");
        assertThat(ClientAddressFilter.message(1_000, 0)).endsWith("dans 1 minute.");
    }

    private static void step(Duration duration) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    }
}
