package io.tradingbot.marketdata.service;

import java.util.regex.Pattern;

/** What a Bitfinex trading symbol and candle timeframe look like (MarketDataConfig checks its settings with them). */
public final class Symbols {
    public static final Pattern TRADING_SYMBOL = Pattern.compile("t(?:[A-Z0-9]{6}|[A-Z0-9]{2,12}:[A-Z0-9]{2,12})");
    public static final Pattern TIMEFRAME = Pattern.compile("1m|5m|15m|30m|1h|3h|6h|12h|1D|1W|14D|1M");

    private Symbols() {
    }

    /** Length of one candle period in ms; months count as 30 days (only used to tell neighbours from gaps). */
    public static long periodMillis(String timeframe) {
        long minute = 60_000L;
        return switch (timeframe) {
            case "1m" -> minute;
            case "5m" -> 5 * minute;
            case "15m" -> 15 * minute;
            case "30m" -> 30 * minute;
            case "1h" -> 60 * minute;
            case "3h" -> 180 * minute;
            case "6h" -> 360 * minute;
            case "12h" -> 720 * minute;
            case "1D" -> 1440 * minute;
            case "1W" -> 7 * 1440 * minute;
            case "14D" -> 14 * 1440 * minute;
            case "1M" -> 30 * 1440 * minute;
            default -> throw new IllegalArgumentException("timeframe '" + timeframe + "' is not a Bitfinex candle "
                    + "timeframe (1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M)");
        };
    }
}
