package io.tradingbot.risk.service;

import io.tradingbot.events.RiskLimits;
import io.tradingbot.risk.config.RiskConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The limits in force: the configured defaults until an operator's limits are read back from risk.limits.v1 or set. */
@ApplicationScoped
public class LimitsStore {
    private final AtomicReference<RiskLimits> current;

    public LimitsStore(RiskConfig config) {
        RiskConfig.Defaults d = config.defaults();
        this.current = new AtomicReference<>(new RiskLimits(d.maxPositionSize(), Map.of(), d.maxLeverage(),
                d.maxOpenPositions(), d.maxDrawdownPercent(), d.stopLossPercent(), d.takeProfitPercent(),
                Instant.EPOCH, "defaults"));
    }

    public RiskLimits current() {
        return current.get();
    }

    public void set(RiskLimits limits) {
        current.set(limits);
    }
}
