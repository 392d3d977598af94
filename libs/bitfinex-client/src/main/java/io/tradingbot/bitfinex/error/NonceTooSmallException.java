package io.tradingbot.bitfinex.error;

/**
 * "nonce: small" (10114): another client used a larger nonce with the same API key (e.g. a millisecond client after
 * a microsecond one). Retrying with the same generator will not help until its clock passes the server's last nonce.
 */
public class NonceTooSmallException extends AuthenticationException {
    public NonceTooSmallException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }
}
