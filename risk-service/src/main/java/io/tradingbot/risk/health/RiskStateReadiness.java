package io.tradingbot.risk.health;

import io.tradingbot.risk.messaging.StateRestorer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to judge until the limits and the high-water mark an earlier instance wrote are read back. */
@Readiness
@ApplicationScoped
public class RiskStateReadiness implements HealthCheck {
    private final StateRestorer restorer;

    public RiskStateReadiness(StateRestorer restorer) {
        this.restorer = restorer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("risk limits and state restored").status(restorer.isRestored()).build();
    }
}
