package io.tradingbot.bitfinex.rest;

import java.time.Duration;

/** How the client waits (rate-limit slots, retry backoff); injectable so tests never sleep for real. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
