package io.tradingbot.events;

/** What a strategy recommends. */
public enum SignalType {
    BUY, SELL, HOLD
}
