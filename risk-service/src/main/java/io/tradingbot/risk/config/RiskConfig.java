package io.tradingbot.risk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

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
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("1")
    BigDecimal maxBalanceFraction();

    /** An account snapshot older than this is too old to trust: no trade is approved on it. */
    @WithDefault("PT2M")
    Duration maxSnapshotAge();

    /** Margin level (margin balance / required margin) under which no new trade is approved; under twice it, a warning. */
    @WithDefault("1.5")
    @DecimalMin("1")
    BigDecimal minMarginLevel();

    /** The Bitfinex order type of approved intents; EXCHANGE types trade spot from the exchange wallet. */
    @WithDefault("EXCHANGE MARKET")
    String orderType();

    /**
     * Verdicts sent and not yet acknowledged by the broker, at most; the next signal is judged without waiting for the
     * previous verdict's acknowledgement, up to this many. Keep it below the verdicts channel's
     * {@code max-inflight-messages} (1024), so the emitter never has to buffer.
     */
    @WithDefault("256")
    @Min(1)
    @Max(1024)
    int maxVerdictsInFlight();

    /** The account whose snapshots and state this instance guards (the key on account.snapshots.v1). */
    @WithDefault("paper")
    String account();

    /**
     * Overrides of what the exchange publishes for a pair ({@code conf/pub:info:pair}): a stricter minimum order size, or
     * fewer amount decimals. Used as they are while the exchange cannot be reached.
     */
    java.util.Map<String, PairSettings> pairs();

    interface PairSettings {
        @Positive
        BigDecimal minOrderSize();

        @WithDefault("8")
        @Min(0)
        int amountDecimals();
    }

    interface Defaults {
        /** In the base currency (BTC for tBTCUSD). */
        @WithDefault("0.01")
        @Positive
        BigDecimal maxPositionSize();

        @WithDefault("3.0")
        @DecimalMin("1")
        BigDecimal maxLeverage();

        @WithDefault("3")
        @Min(1)
        int maxOpenPositions();

        @WithDefault("5.0")
        @Positive
        @DecimalMax("100")
        BigDecimal maxDrawdownPercent();

        @WithDefault("2.0")
        @Positive
        @DecimalMax("100")
        BigDecimal stopLossPercent();

        @WithDefault("5.0")
        @Positive
        @DecimalMax("100")
        BigDecimal takeProfitPercent();
    }
}
