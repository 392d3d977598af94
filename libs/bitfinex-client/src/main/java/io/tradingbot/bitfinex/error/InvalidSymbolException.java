package io.tradingbot.bitfinex.error;

/** "symbol: invalid" (10020) or an unknown/paper-only symbol. */
public class InvalidSymbolException extends BitfinexException {
    public InvalidSymbolException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }
}
