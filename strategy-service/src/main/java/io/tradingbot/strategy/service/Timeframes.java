package io.tradingbot.strategy.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Bitfinex candle timeframes and the length of one candle. */
public final class Timeframes {
    private static final Map<String, Duration> LENGTHS = Map.ofEntries(
            Map.entry("1m", Duration.ofMinutes(1)), Map.entry("5m", Duration.ofMinutes(5)),
            Map.entry("15m", Duration.ofMinutes(15)), Map.entry("30m", Duration.ofMinutes(30)),
            Map.entry("1h", Duration.ofHours(1)), Map.entry("3h", Duration.ofHours(3)),
            Map.entry("6h", Duration.ofHours(6)), Map.entry("12h", Duration.ofHours(12)),
            Map.entry("1D", Duration.ofDays(1)), Map.entry("1W", Duration.ofDays(7)),
            Map.entry("14D", Duration.ofDays(14)), Map.entry("1M", Duration.ofDays(30)));

    private Timeframes() {
    }

    public static Optional<Duration> length(String timeframe) {
        return Optional.ofNullable(LENGTHS.get(timeframe));
    }

    public static Duration require(String timeframe) {
        return length(timeframe).orElseThrow(() -> new IllegalArgumentException("'" + timeframe
                + "' is not a Bitfinex candle timeframe; use one of 1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M"));
    }
}
