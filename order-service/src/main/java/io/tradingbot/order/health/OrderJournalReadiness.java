package io.tradingbot.order.health;

import io.tradingbot.order.service.OrderJournal;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the submitted cids are read back from {@code orders.events.v1}: until then every verdict is looked up on
 * the exchange before it is sent (safe, but slow), so traffic waits for it.
 */
@Readiness
@ApplicationScoped
public class OrderJournalReadiness implements HealthCheck {
    private final OrderJournal journal;

    public OrderJournalReadiness(OrderJournal journal) {
        this.journal = journal;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("orders-journal").status(journal.isRestored()).build();
    }
}
