package io.tradingbot.gateway.rest;

import io.tradingbot.events.Symbols;

/** A symbol from a request path, checked before any service is asked about it. */
final class TradingSymbol {
    private TradingSymbol() {
    }

    static String require(String symbol) {
        if (!Symbols.isValid(symbol)) {
            throw new IllegalArgumentException("'" + symbol
                    + "' is not a Bitfinex trading symbol; use the t-prefixed form such as tBTCUSD or tTESTBTC:TESTUSD");
        }
        return symbol;
    }
}
