package io.tradingbot.bitfinex.error;

/** HTTP 429, {@code ERR_RATE_LIMIT} or 11010 "ratelimit: error": Bitfinex blocks the IP for about 60 s. */
public class RateLimitException extends BitfinexException {
    public RateLimitException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
