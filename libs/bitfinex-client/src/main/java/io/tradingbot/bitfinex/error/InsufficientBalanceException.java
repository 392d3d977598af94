package io.tradingbot.bitfinex.error;

/** The order or action needs more balance/margin than the wallet has available. */
public class InsufficientBalanceException extends BitfinexException {
    public InsufficientBalanceException(String message, Integer code, int httpStatus) {
        super(message, code, httpStatus);
    }
}
