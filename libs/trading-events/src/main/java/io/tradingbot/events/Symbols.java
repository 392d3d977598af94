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
}
