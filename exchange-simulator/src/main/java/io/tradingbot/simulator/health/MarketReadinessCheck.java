package io.tradingbot.simulator.health;

import io.tradingbot.simulator.service.ExchangeService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the markets (with their generated history) and the default account exist. */
@Readiness
@ApplicationScoped
public class MarketReadinessCheck implements HealthCheck {
    private final ExchangeService service;

    public MarketReadinessCheck(ExchangeService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = service.ready();
        var builder = HealthCheckResponse.named("market").status(ready);
        if (ready) {
            builder.withData("symbols", service.exchange().markets().size());
        }
        return builder.build();
    }
}
