package io.tradingbot.strategy.service;

/** Nothing to evaluate yet: no candle has arrived and market-data-service could not provide history. */
public class NoMarketDataException extends RuntimeException {
    public NoMarketDataException(String message) {
        super(message);
    }
}
