package fr.lexom.contracts.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for business dates and the engine's timers: the engine's own clock, in Europe/Paris (the CGV
 * count calendar days in France). A test that moves the engine clock moves every business date with it. Bean
 * Validation's {@code @PastOrPresent} on the API's dates reads the same clock: with the JVM's own, a server on UTC
 * refused a payment received "today" in Paris as "in the future" between midnight and 1 a.m. (2 a.m. in summer).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Bean
    Clock clock() {
        return new EngineClock(PARIS);
    }

    @Bean
    ValidationConfigurationCustomizer validationClock(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }

    static final class EngineClock extends Clock {
        private final ZoneId zone;

        EngineClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new EngineClock(zone);
        }

        @Override
        public Instant instant() {
            return ClockUtil.now().toInstant();
        }
    }
}
