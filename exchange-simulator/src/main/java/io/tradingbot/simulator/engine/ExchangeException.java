package io.tradingbot.simulator.engine;

/**
 * A refusal in Bitfinex's terms: REST answers HTTP 500 {@code ["error", code, text]}, WebSocket a notification
 * with status ERROR (orders) or an error event.
 */
public final class ExchangeException extends RuntimeException {
    private final int code;

    public ExchangeException(int code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String text() {
        return getMessage();
    }

    public static ExchangeException invalid(String field) {
        return new ExchangeException(10020, field + ": invalid");
    }
}
