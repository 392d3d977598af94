package io.tradingbot.gateway.config;

import io.tradingbot.support.config.SettingsRules;

/** Registered in META-INF/services: a setting that makes no sense stops the gateway at start, naming its key. */
public final class GatewayConfigRules extends SettingsRules<GatewayConfig> {
    public GatewayConfigRules() {
        super(GatewayConfig.class, GatewayConfig::check);
    }
}
