package io.tradingbot.bitfinex.error;

/** The amount is invalid: zero, below the pair's minimum size or above its maximum. */
public class InvalidAmountException extends BitfinexException {
    public InvalidAmountException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }
}
