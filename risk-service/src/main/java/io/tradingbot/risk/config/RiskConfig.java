package io.tradingbot.risk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tradingbot.support.config.SettingsCheck;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The risk-service settings, under {@code risk.*}. {@code risk.defaults.*} are the seed's limits, in force until an operator
 * sets others; the application refuses to start when one is invalid.
 */
@ConfigMapping(prefix = "risk")
public interface RiskConfig {

    Defaults defaults();

    /** The largest share of the available balance one order may use (the seed's 20%). */
    @WithDefault("0.20")
    BigDecimal maxBalanceFraction();

    /** An account snapshot older than this is too old to trust: no trade is approved on it. */
    @WithDefault("PT2M")
    Duration maxSnapshotAge();

    /**
     * A signal made longer ago than this (its {@code created_at}) is refused: its price may be gone. Signals wait on
     * Kafka while risk-service is down or behind, and a consumer group that starts afresh reads the topic from its
     * beginning; neither may trade on old news.
     */
    @WithDefault("PT1M")
    Duration maxSignalAge();

    /** Margin level (margin balance / required margin) under which no new trade is approved; under twice it, a warning. */
    @WithDefault("1.5")
    BigDecimal minMarginLevel();

    /** The Bitfinex order type of approved intents; EXCHANGE types trade spot from the exchange wallet. */
    @WithDefault("EXCHANGE MARKET")
    String orderType();

    /**
     * The highest fee rate an order pays (Bitfinex's taker fee at the lowest volume, 0.2 %). A spot buy's fee is taken in
     * the coin bought and its exit sells what is left, so an entry whose remainder after this fee is below the pair's
     * minimum is refused: the exchange would refuse its exit.
     */
    @WithDefault("0.002")
    BigDecimal maxFeeRate();

    /**
     * Verdicts sent and not yet acknowledged by the broker, at most; the next signal is judged without waiting for the
     * previous verdict's acknowledgement, up to this many. Keep it below the verdicts channel's
     * {@code max-inflight-messages} (1024), so the emitter never has to buffer.
     */
    @WithDefault("256")
    int maxVerdictsInFlight();

    /**
     * An approved verdict of the stream counts against the balance (and, with margin orders, against the open positions)
     * until an account snapshot made this long after it arrives: by then its order has filled, or failed, and account-service
     * has published the result. Too short and a burst can spend the same balance twice; too long only makes the
     * signals of the next seconds smaller or refused.
     */
    @WithDefault("PT3S")
    Duration commitmentSettle();

    /** An approved verdict counts at most this long, whether or not a snapshot has come since. */
    @WithDefault("PT1M")
    Duration commitmentMaxHold();

    /** The account whose snapshots and state this instance guards (the key on account.snapshots.v1). */
    @WithDefault("paper")
    String account();

    /**
     * Overrides of what the exchange publishes for a pair ({@code conf/pub:info:pair}): a stricter minimum order size, or
     * fewer amount decimals. Used as they are while the exchange cannot be reached.
     */
    java.util.Map<String, PairSettings> pairs();

    /** What the application refuses to start with ({@link RiskConfigRules}). */
    static void check(RiskConfig risk, SettingsCheck check) {
        check.positive("max-balance-fraction", risk.maxBalanceFraction())
                .atMost("max-balance-fraction", risk.maxBalanceFraction(), "1")
                .atLeast("min-margin-level", risk.minMarginLevel(), "1")
                .atLeast("max-fee-rate", risk.maxFeeRate(), "0")
                .atMost("max-fee-rate", risk.maxFeeRate(), "0.1")
                .between("max-verdicts-in-flight", risk.maxVerdictsInFlight(), 1, 1024)
                .positive("max-signal-age", risk.maxSignalAge())
                .notNegative("commitment-settle", risk.commitmentSettle())
                .shorter("commitment-settle", risk.commitmentSettle(), "commitment-max-hold", risk.commitmentMaxHold());
        Defaults limits = risk.defaults();
        check.positive("defaults.max-position-size", limits.maxPositionSize())
                .atLeast("defaults.max-leverage", limits.maxLeverage(), "1")
                .atLeast("defaults.max-open-positions", limits.maxOpenPositions(), 1)
                .positive("defaults.max-drawdown-percent", limits.maxDrawdownPercent())
                .atMost("defaults.max-drawdown-percent", limits.maxDrawdownPercent(), "100")
                .positive("defaults.stop-loss-percent", limits.stopLossPercent())
                .atMost("defaults.stop-loss-percent", limits.stopLossPercent(), "100")
                .positive("defaults.take-profit-percent", limits.takeProfitPercent())
                .atMost("defaults.take-profit-percent", limits.takeProfitPercent(), "100");
        risk.pairs().forEach((pair, settings) -> check
                .positive("pairs." + pair + ".min-order-size", settings.minOrderSize())
                .atLeast("pairs." + pair + ".amount-decimals", settings.amountDecimals(), 0));
    }

    interface PairSettings {
        BigDecimal minOrderSize();

        @WithDefault("8")
        int amountDecimals();
    }

    interface Defaults {
        /** In the base currency (BTC for tBTCUSD). */
        @WithDefault("0.01")
        BigDecimal maxPositionSize();

        @WithDefault("3.0")
        BigDecimal maxLeverage();

        @WithDefault("3")
        int maxOpenPositions();

        @WithDefault("5.0")
        BigDecimal maxDrawdownPercent();

        @WithDefault("2.0")
        BigDecimal stopLossPercent();

        @WithDefault("5.0")
        BigDecimal takeProfitPercent();
    }
}
