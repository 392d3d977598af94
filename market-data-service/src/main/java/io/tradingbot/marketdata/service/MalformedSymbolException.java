package io.tradingbot.marketdata.service;

/** A symbol or parameter that is not even in Bitfinex's form (400). */
public class MalformedSymbolException extends IllegalArgumentException {
    public MalformedSymbolException(String message) {
        super(message);
    }
}
