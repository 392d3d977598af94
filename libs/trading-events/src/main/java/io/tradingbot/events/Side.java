package io.tradingbot.events;

/** The direction of an order: a BUY has a positive Bitfinex amount, a SELL a negative one. */
public enum Side {
    BUY, SELL
}
