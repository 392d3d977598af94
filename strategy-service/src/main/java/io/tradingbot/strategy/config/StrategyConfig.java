package io.tradingbot.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** The strategy-service settings, under {@code strategy.*}; the application refuses to start when one is invalid. */
@ConfigMapping(prefix = "strategy")
public interface StrategyConfig {

    /** The strategy a symbol is evaluated with unless its session names another. */
    @WithDefault("rsi-ema")
    @NotBlank
    String defaultStrategy();

    /** The candle timeframe strategies are evaluated on. */
    @WithDefault("1m")
    @NotBlank
    String timeframe();

    /** Bars kept per (symbol, timeframe); older ones are dropped so memory stays bounded. */
    @WithDefault("1000")
    @Min(50)
    int maxBars();
}
