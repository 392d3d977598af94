package io.tradingbot.marketdata.service;

/** A command that could not be carried out in time because the exchange is slow or unreachable (503). */
public class FeedBusyException extends RuntimeException {
    public FeedBusyException(String message) {
        super(message);
    }
}
