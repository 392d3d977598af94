package io.tradingbot.marketdata.service;

/** A well-formed symbol the exchange does not list (404). */
public class UnknownSymbolException extends RuntimeException {
    public UnknownSymbolException(String message) {
        super(message);
    }
}
