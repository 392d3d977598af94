package io.tradingbot.order.health;

import io.tradingbot.order.messaging.PrivateStream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the authenticated socket is up: without it, fills are not seen and exits are not placed. */
@Readiness
@ApplicationScoped
public class PrivateStreamReadiness implements HealthCheck {
    private final PrivateStream stream;

    public PrivateStreamReadiness(PrivateStream stream) {
        this.stream = stream;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("bitfinex-private-socket").status(stream.isAuthenticated()).build();
    }
}
