package io.tradingbot.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The order-service settings, under {@code order.*}. */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /** How long a submit may take before the order is looked up by cid instead of being sent again. */
    @WithDefault("PT10S")
    Duration submitTimeout();

    /** Ask Bitfinex to cancel every open order when this service's authenticated socket drops (dead-man switch). */
    @WithDefault("true")
    boolean deadManSwitch();
}
