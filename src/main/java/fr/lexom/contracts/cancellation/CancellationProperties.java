package fr.lexom.contracts.cancellation;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lexom.cancellation.proposal-cost}: D3-LEGACY, the cost of preparing a proposal (a configured amount). */
@ConfigurationProperties("lexom.cancellation")
public record CancellationProperties(BigDecimal proposalCost) {
}
