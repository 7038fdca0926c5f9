package fr.lexom.contracts.participant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long each evaluation stays open after its invitation (E1, issue 23, item 4; {@code lexom.evaluations.*}).
 *
 * @param hotWindow  the hot evaluation closes this long after its letter was sent (or, before any letter, after the
 *                   training's last half-day ends)
 * @param coldWindow the cold evaluation closes this long after its letter was sent
 */
@ConfigurationProperties("lexom.evaluations")
public record EvaluationProperties(Duration hotWindow, Duration coldWindow) {

    public EvaluationProperties {
        if (hotWindow == null || hotWindow.isNegative() || hotWindow.isZero()
                || coldWindow == null || coldWindow.isNegative() || coldWindow.isZero()) {
            throw new IllegalStateException("lexom.evaluations.hot-window and cold-window must be positive durations (P30D)");
        }
    }

    public Duration window(EvaluationKind kind) {
        return kind == EvaluationKind.HOT ? hotWindow : coldWindow;
    }
}
