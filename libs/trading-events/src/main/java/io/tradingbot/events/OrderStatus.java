package io.tradingbot.events;

/** The normalized lifecycle of an order, whatever words the exchange used. */
public enum OrderStatus {
    SUBMITTED, ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }
}
