package io.tradingbot.strategy.config;

import io.tradingbot.support.config.SettingsRules;

/** Registered in META-INF/services: a setting that makes no sense stops strategy-service at start, naming its key. */
public final class StrategyConfigRules extends SettingsRules<StrategyConfig> {
    public StrategyConfigRules() {
        super(StrategyConfig.class, StrategyConfig::check);
    }
}
