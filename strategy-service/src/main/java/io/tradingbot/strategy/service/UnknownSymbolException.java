package io.tradingbot.strategy.service;

/** The market has no such symbol (market-data-service answered 404). */
public class UnknownSymbolException extends RuntimeException {
    public UnknownSymbolException(String symbol) {
        super("Unknown symbol '" + symbol + "': the market does not list it");
    }
}
