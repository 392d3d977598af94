package io.tradingbot.risk.config;

import io.tradingbot.support.config.SettingsRules;

/** Registered in META-INF/services: a limit that makes no sense stops risk-service at start, naming its key. */
public final class RiskConfigRules extends SettingsRules<RiskConfig> {
    public RiskConfigRules() {
        super(RiskConfig.class, RiskConfig::check);
    }
}
