package io.tradingbot.events;

import java.util.regex.Pattern;

/** The shape of a Bitfinex trading symbol: {@code t} + pair, the pair in colon form when a currency is longer than three letters. */
public final class Symbols {
    private static final Pattern TRADING_SYMBOL = Pattern.compile("t(?:[A-Z0-9]{6}|[A-Z0-9]{2,12}:[A-Z0-9]{2,12})");

    private Symbols() {
    }

    public static boolean isValid(String symbol) {
        return symbol != null && TRADING_SYMBOL.matcher(symbol).matches();
    }

    /** The currency bought and sold: {@code tBTCUSD} → BTC, {@code tTESTBTC:TESTUSD} → TESTBTC. */
    public static String base(String symbol) {
        String pair = pair(symbol);
        int colon = pair.indexOf(':');
        return colon >= 0 ? pair.substring(0, colon) : pair.substring(0, Math.min(3, pair.length()));
    }

    /** The currency prices are in: {@code tBTCUSD} → USD, {@code tTESTBTC:TESTUSD} → TESTUSD. */
    public static String quote(String symbol) {
        String pair = pair(symbol);
        int colon = pair.indexOf(':');
        return colon >= 0 ? pair.substring(colon + 1) : pair.substring(Math.max(0, pair.length() - 3));
    }

    private static String pair(String symbol) {
        return symbol.startsWith("t") ? symbol.substring(1) : symbol;
    }
}
