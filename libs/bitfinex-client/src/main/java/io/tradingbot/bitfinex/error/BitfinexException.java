package io.tradingbot.bitfinex.error;

/**
 * Base of every error the client raises. {@code code} is Bitfinex's numeric error code when the server gave one
 * (e.g. 10114), {@code httpStatus} the HTTP status for REST calls (0 for WebSocket or transport errors).
 */
public class BitfinexException extends RuntimeException {

    private final Integer code;
    private final int httpStatus;

    public BitfinexException(String message, Integer code, int httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public BitfinexException(String message, Integer code, int httpStatus, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** Bitfinex's error code, or null when there was none (transport failure, HTML error page). */
    public Integer code() {
        return code;
    }

    /** HTTP status of the failed REST call; 0 when not an HTTP error. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether repeating the same read later may succeed (rate limit, 5xx, timeout, maintenance). */
    public boolean isTransient() {
        return false;
    }
}
