package io.tradingbot.bitfinex.error;

/** The key, the signature or the permissions were refused (10100, 10111-10113, 10200, permission errors). */
public class AuthenticationException extends BitfinexException {
    public AuthenticationException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }
}
