package fr.lexom.contracts.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for business dates and the engine's timers: the engine's own clock, in Europe/Paris (the CGV
 * count calendar days in France). A test that moves the engine clock moves every business date with it.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Bean
    Clock clock() {
        return new EngineClock(PARIS);
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
