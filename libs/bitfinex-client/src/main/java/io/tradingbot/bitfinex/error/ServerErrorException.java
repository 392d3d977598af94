package io.tradingbot.bitfinex.error;

/** A 5xx answer that is not one of the typed errors (e.g. 10000 "unknown error"): the outcome of a write is unknown. */
public class ServerErrorException extends BitfinexException {
    public ServerErrorException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
