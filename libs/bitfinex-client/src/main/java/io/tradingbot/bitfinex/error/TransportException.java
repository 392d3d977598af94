package io.tradingbot.bitfinex.error;

/** No answer: connection refused, reset or timed out. For a write the outcome is unknown. */
public class TransportException extends BitfinexException {
    public TransportException(String message, Throwable cause) {
        super(message, null, 0, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
