package io.tradingbot.risk.service;

import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.RiskState;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The account as risk sees it: the latest snapshot and when it arrived, the equity high-water mark and the kill switch.
 * The last two are persisted on risk.state.v1 by {@link RiskService}; this class only holds them.
 */
@ApplicationScoped
public class RiskStateStore {
    private AccountSnapshot snapshot;
    private Instant receivedAt;
    private RiskState state;

    public synchronized void restore(RiskState restored) {
        this.state = restored;
    }

    public synchronized Optional<RiskState> state() {
        return Optional.ofNullable(state);
    }

    public synchronized void setState(RiskState updated) {
        this.state = updated;
    }

    public synchronized void snapshot(AccountSnapshot latest, Instant at) {
        this.snapshot = latest;
        this.receivedAt = at;
    }

    public synchronized Optional<RiskAssessor.AccountState> accountState() {
        if (snapshot == null) {
            return Optional.empty();
        }
        BigDecimal highWaterMark = state == null ? snapshot.summary().totalBalanceUsd() : state.highWaterMark();
        Optional<String> killSwitch = state != null && state.killSwitchActive()
                ? Optional.of(state.killSwitchReason()) : Optional.empty();
        return Optional.of(new RiskAssessor.AccountState(snapshot, receivedAt, highWaterMark, killSwitch));
    }
}
