package io.tradingbot.account.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/** The account-service settings, under {@code account.*}; the application refuses to start when one is invalid. */
@ConfigMapping(prefix = "account")
public interface AccountConfig {

    /** The name snapshots are keyed by on account.snapshots.v1. */
    @WithDefault("paper")
    @NotBlank
    String name();

    /** How often wallets, positions and margin are re-read over REST to repair drift from the event stream. */
    @WithDefault("PT60S")
    Duration reconcileInterval();
}
