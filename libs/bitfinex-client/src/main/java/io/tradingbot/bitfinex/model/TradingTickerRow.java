package io.tradingbot.bitfinex.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of {@code GET /v2/tickers}: {@code [SYMBOL, <the ten ticker fields>]}. */
public record TradingTickerRow(String symbol, Ticker ticker) {

    public static TradingTickerRow fromArray(JsonNode a) {
        Fields.requireArray(a, "tickers row");
        return new TradingTickerRow(Fields.text(a, 0), Ticker.fromArray(a, 1));
    }
}
