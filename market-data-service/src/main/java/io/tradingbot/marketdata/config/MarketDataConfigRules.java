package io.tradingbot.marketdata.config;

import io.tradingbot.support.config.SettingsRules;

/** Registered in META-INF/services: a setting that makes no sense stops market-data-service at start, naming its key. */
public final class MarketDataConfigRules extends SettingsRules<MarketDataConfig> {
    public MarketDataConfigRules() {
        super(MarketDataConfig.class, MarketDataConfig::check);
    }
}
