package io.tradingbot.account.health;

import io.tradingbot.account.service.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the account is not loaded or channel 0 is not followed: the snapshots would be stale. */
@Readiness
@ApplicationScoped
public class AccountStreamReadiness implements HealthCheck {
    private final AccountService account;

    public AccountStreamReadiness(AccountService account) {
        this.account = account;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("account in step with the exchange").status(account.isInStep()).build();
    }
}
