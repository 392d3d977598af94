package io.tradingbot.risk.service;

import io.tradingbot.support.messaging.TradingSessions;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.RiskState;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.TradingSession;
import io.tradingbot.risk.config.RiskConfig;
import io.tradingbot.risk.messaging.RiskPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges signals, follows the account, and guards the drawdown limit. Every verdict id is {@code verdict:} + the signal id,
 * so whatever path a signal takes, order-service sees one intent per signal.
 */
@ApplicationScoped
public class RiskService {
    private static final Logger LOG = Logger.getLogger(RiskService.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int RECENT_VERDICTS = 10_000;

    private final RiskConfig config;
    private final LimitsStore limits;
    private final RiskStateStore account;
    private final TradingSessions sessions;
    private final JudgedSignals judged;
    private final PairCatalog pairs;
    private final RiskPublisher publisher;
    private final RiskAssessor assessor;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, RiskVerdict> recent = new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RiskVerdict> eldest) {
            return size() > RECENT_VERDICTS;
        }
    };

    public RiskService(RiskConfig config, LimitsStore limits, RiskStateStore account, TradingSessions sessions,
            JudgedSignals judged, PairCatalog pairs, RiskPublisher publisher) {
        this.config = config;
        this.limits = limits;
        this.account = account;
        this.sessions = sessions;
        this.judged = judged;
        this.pairs = pairs;
        this.publisher = publisher;
        this.assessor = new RiskAssessor(config.maxBalanceFraction(), config.maxSnapshotAge(), config.minMarginLevel(),
                config.orderType(), config.maxFeeRate());
    }

    /** A signal from the stream: a verdict for a BUY/SELL of a traded symbol seen for the first time, else nothing. */
    public Optional<RiskVerdict> judge(Signal signal) {
        if (signal.signal() == SignalType.HOLD || sessions.activeSession(signal.symbol()).isEmpty()) {
            return Optional.empty();
        }
        if (!judged.firstTime(signal.id())) {
            LOG.debugf("Signal %s was judged already", signal.id());
            return Optional.empty();
        }
        return Optional.of(verdict(signal, true));
    }

    /** The on-demand path: the same verdict, kept so that order-service can act on it by id. */
    public RiskVerdict assess(Signal signal) {
        if (signal.signal() == SignalType.HOLD) {
            throw new IllegalArgumentException("signal " + signal.id() + " is a HOLD: there is no trade to assess");
        }
        return verdict(signal, false);
    }

    public Optional<RiskVerdict> verdictById(String id) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(id));
        }
    }

    /**
     * Judges against the latest snapshot and the approvals it does not show yet. An approval from the stream is committed:
     * the next signals of its burst count it. One on demand is not: an evaluation is also a preview, and a preview must
     * not shrink the next sizes for a minute.
     */
    private synchronized RiskVerdict verdict(Signal signal, boolean commit) {
        Side side = signal.signal() == SignalType.BUY ? Side.BUY : Side.SELL;
        Instant now = clock.instant();
        Optional<PairRules> rules = pairs.rules(signal.symbol());
        Duration age = Duration.between(signal.createdAt(), now);
        RiskVerdict verdict;
        if (age.compareTo(config.maxSignalAge()) > 0) {
            verdict = refused(signal, side, "signal made " + age.toSeconds() + " s ago (at " + signal.createdAt()
                    + "), more than the " + config.maxSignalAge().toSeconds() + " s a signal stays valid: its price "
                    + signal.currentPrice().toPlainString() + " may be gone", now);
        } else if (rules.isEmpty()) {
            verdict = refused(signal, side, "no trading rules (minimum order size) are configured for "
                    + signal.symbol(), now);
        } else {
            Assessment a = assessor.assess(signal.symbol(), side, signal.currentPrice(), limits.current(),
                    account.accountState(now), rules.get(), now);
            verdict = new RiskVerdict("verdict:" + signal.id(), signal.id(), signal.symbol(), side, a.canTrade(),
                    a.riskLevel(), a.reasons(), a.amount(), a.canTrade() ? a.orderType() : null, signal.currentPrice(),
                    a.canTrade() ? a.leverage() : null, a.stopLoss(), a.takeProfit(), now, a.closes());
            if (commit && a.canTrade()) {
                account.commit(assessor.commitment(verdict.id(), signal.symbol(), side, a.amount(),
                        signal.currentPrice(), rules.get(), now));
            }
        }
        synchronized (recent) {
            recent.put(verdict.id(), verdict);
        }
        return verdict;
    }

    private static RiskVerdict refused(Signal signal, Side side, String reason, Instant now) {
        return new RiskVerdict("verdict:" + signal.id(), signal.id(), signal.symbol(), side, false,
                io.tradingbot.events.RiskLevel.HIGH, List.of(reason), null, null, signal.currentPrice(), null, null,
                null, now);
    }

    /** A new account snapshot: raise the high-water mark, and trip the kill switch when drawdown reaches its limit. */
    public void onSnapshot(AccountSnapshot snapshot) {
        Instant now = clock.instant();
        account.snapshot(snapshot, now);
        BigDecimal equity = snapshot.summary().totalBalanceUsd();
        Optional<RiskState> previous = account.state();
        BigDecimal highWaterMark = previous.map(RiskState::highWaterMark).filter(h -> h.compareTo(equity) > 0)
                .orElse(equity);
        boolean wasActive = previous.map(RiskState::killSwitchActive).orElse(false);
        RiskLimits current = limits.current();
        BigDecimal drawdown = highWaterMark.signum() > 0
                ? highWaterMark.subtract(equity).max(BigDecimal.ZERO).multiply(HUNDRED).divide(highWaterMark, 4,
                        RoundingMode.HALF_EVEN)
                : BigDecimal.ZERO;
        boolean trips = !wasActive && drawdown.compareTo(current.maxDrawdownPercent()) >= 0;
        // Persisted only when the high-water mark moves or the switch trips; the equity shown is always the latest.
        boolean persist = previous.isEmpty() || highWaterMark.compareTo(previous.get().highWaterMark()) != 0 || trips;
        RiskState next;
        if (trips) {
            String reason = "drawdown " + drawdown.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
                    + "% from the high of " + highWaterMark.stripTrailingZeros().toPlainString()
                    + " USD has reached the " + current.maxDrawdownPercent().stripTrailingZeros().toPlainString()
                    + "% limit";
            next = new RiskState(config.account(), highWaterMark, equity, true, reason, now, now, "risk-service");
        } else {
            RiskState p = previous.orElse(null);
            next = new RiskState(config.account(), highWaterMark, equity, wasActive, p == null ? null : p.killSwitchReason(),
                    p == null ? null : p.killSwitchSince(), now, "risk-service");
        }
        if (persist) {
            publisher.state(next);
        }
        account.setState(next);
        if (trips) {
            LOG.errorf("Kill switch tripped: %s. Stopping every automated session; no order is approved until an "
                    + "operator resets it (POST /risk/kill-switch/reset).", next.killSwitchReason());
            for (TradingSession session : sessions.activeSessions()) {
                publisher.session(new TradingSession(session.symbol(), false, session.strategy(), now, "risk-service",
                        "kill switch: " + next.killSwitchReason()));
            }
        }
    }

    /** The operator's reset: drawdown is measured afresh from the current equity, or the switch would trip again at once. */
    public RiskState resetKillSwitch(String by) {
        Instant now = clock.instant();
        BigDecimal equity = account.accountState(now).map(s -> s.snapshot().summary().totalBalanceUsd())
                .or(() -> account.state().map(RiskState::equity)).orElse(BigDecimal.ZERO);
        RiskState next = new RiskState(config.account(), equity, equity, false, null, null, now, by);
        publisher.state(next);
        account.setState(next);
        LOG.warnf("Kill switch reset by %s; high-water mark now %s USD", by, equity.toPlainString());
        return next;
    }

    public RiskLimits updateLimits(RiskLimits requested, String by) {
        RiskLimits stamped = new RiskLimits(requested.maxPositionSize(), requested.maxPositionSizeBySymbol(),
                requested.maxLeverage(), requested.maxOpenPositions(), requested.maxDrawdownPercent(),
                requested.stopLossPercent(), requested.takeProfitPercent(), clock.instant(), by);
        publisher.limits(stamped);
        limits.set(stamped);
        LOG.infof("Limits set by %s: %s", by, stamped);
        return stamped;
    }
}
