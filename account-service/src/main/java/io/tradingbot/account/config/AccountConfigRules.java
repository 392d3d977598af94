package io.tradingbot.account.config;

import io.tradingbot.support.config.SettingsRules;

/** Registered in META-INF/services: a setting that makes no sense stops account-service at start, naming its key. */
public final class AccountConfigRules extends SettingsRules<AccountConfig> {
    public AccountConfigRules() {
        super(AccountConfig.class, AccountConfig::check);
    }
}
