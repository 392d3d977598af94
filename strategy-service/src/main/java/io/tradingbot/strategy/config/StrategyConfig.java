package io.tradingbot.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tradingbot.support.config.SettingsCheck;

import java.util.Map;
import java.util.Optional;

/**
 * The strategy-service settings, under {@code strategy.*}. Parameters are set per strategy
 * ({@code strategy.params.rsi-ema.oversold=25}) and per symbol ({@code strategy.symbols."tBTCUSD".params.rsi-ema.oversold=20});
 * the application refuses to start when a name or value is invalid.
 */
@ConfigMapping(prefix = "strategy")
public interface StrategyConfig {

    /** The strategy a symbol is evaluated with unless its session or {@code symbols.<symbol>.strategy} names another. */
    @WithDefault("rsi-ema")
    String defaultStrategy();

    /** The candle timeframe strategies are evaluated on. */
    @WithDefault("1m")
    String timeframe();

    /** Bars kept per (symbol, timeframe); older ones are dropped so memory stays bounded. */
    @WithDefault("1000")
    int maxBars();

    /**
     * A candle that closed longer ago than this is added to its series but signals nothing: it is history being replayed
     * (a consumer catching up), not a market move to act on.
     */
    @WithDefault("PT2M")
    java.time.Duration maxSignalDelay();

    /**
     * Signals sent and not yet acknowledged by the broker, at most: the next candle batch is evaluated without waiting for
     * the previous batch's acknowledgements, up to this many. Keep it below the signals channel's
     * {@code max-inflight-messages} (1024), so the emitter never has to buffer.
     */
    @WithDefault("512")
    int maxSignalsInFlight();

    /** Parameter overrides per strategy name, applied to every symbol. */
    Map<String, Map<String, String>> params();

    /** Per-symbol choices, keyed by Bitfinex symbol. */
    Map<String, SymbolSettings> symbols();

    Warmup warmup();

    /** What the application refuses to start with ({@link StrategyConfigRules}). */
    static void check(StrategyConfig strategy, SettingsCheck check) {
        check.notBlank("default-strategy", strategy.defaultStrategy())
                .notBlank("timeframe", strategy.timeframe())
                .atLeast("max-bars", strategy.maxBars(), 50)
                .between("max-signals-in-flight", strategy.maxSignalsInFlight(), 1, 1024)
                .atLeast("warmup.bars", strategy.warmup().bars(), 1);
    }

    interface SymbolSettings {
        /** This symbol's strategy unless its session names one. */
        Optional<String> strategy();

        /** Parameter overrides per strategy name for this symbol, on top of {@link #params()}. */
        Map<String, Map<String, String>> params();
    }

    interface Warmup {
        /** Fill a new series from market-data-service's candle history before evaluating it. */
        @WithDefault("true")
        boolean enabled();

        /** How many candles of history to ask for. */
        @WithDefault("500")
        int bars();

        /** A series that got no history (market-data-service unreachable or empty) asks again after this. */
        @WithDefault("PT30S")
        java.time.Duration retry();
    }
}
