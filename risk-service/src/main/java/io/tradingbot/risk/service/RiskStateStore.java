package io.tradingbot.risk.service;

import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.RiskState;
import io.tradingbot.risk.config.RiskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The account as risk sees it: the latest snapshot and when it arrived, the equity high-water mark and the kill switch,
 * and the approvals that no snapshot shows yet. The high-water mark and the kill switch are persisted on risk.state.v1 by
 * {@link RiskService}; this class only holds them.
 * <p>
 * An approval is held until a snapshot shows its order (an entry or exit order of its verdict is open, or its entry
 * filled without an exit: the snapshot counts the trade, and its wallets what the entry spent), or one made at least
 * {@code risk.commitment-settle} after it arrives (by then its order has filled, or failed, and account-service has
 * published the result), and at most {@code risk.commitment-max-hold}.
 * Held longer than its order takes, it is counted twice for a moment: the safe side, a smaller size or a refusal.
 */
@ApplicationScoped
public class RiskStateStore {
    private final Duration settle;
    private final Duration maxHold;
    private final List<Commitment> commitments = new ArrayList<>();
    private AccountSnapshot snapshot;
    private Instant receivedAt;
    private RiskState state;

    @Inject
    public RiskStateStore(RiskConfig config) {
        this(config.commitmentSettle(), config.commitmentMaxHold());
    }

    RiskStateStore(Duration settle, Duration maxHold) {
        this.settle = settle;
        this.maxHold = maxHold;
    }

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
        Instant madeAt = latest.mts() > 0 ? Instant.ofEpochMilli(latest.mts()) : at;
        Set<String> shown = latest.orders().stream().map(ActiveOrder::verdictId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(HashSet::new));
        latest.filledEntries().forEach(e -> shown.add(e.verdictId()));
        commitments.removeIf(c -> shown.contains(c.verdictId()) || !c.approvedAt().plus(settle).isAfter(madeAt));
    }

    /** An approval the next signals must count, until a snapshot shows it. */
    public synchronized void commit(Commitment approved) {
        commitments.add(approved);
    }

    /** The account as of {@code now}: the latest snapshot and the approvals it does not show yet. */
    public synchronized Optional<RiskAssessor.AccountState> accountState(Instant now) {
        commitments.removeIf(c -> c.approvedAt().plus(maxHold).isBefore(now));
        if (snapshot == null) {
            return Optional.empty();
        }
        BigDecimal highWaterMark = state == null ? snapshot.summary().totalBalanceUsd() : state.highWaterMark();
        Optional<String> killSwitch = state != null && state.killSwitchActive()
                ? Optional.of(state.killSwitchReason()) : Optional.empty();
        return Optional.of(new RiskAssessor.AccountState(snapshot, receivedAt, highWaterMark, killSwitch,
                List.copyOf(commitments)));
    }
}
