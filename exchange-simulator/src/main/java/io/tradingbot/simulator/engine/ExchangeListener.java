package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;

/** Receives what the exchange publishes, in order, while the exchange's lock is held. */
public interface ExchangeListener {

    /** Channel-0 events of one account, in the order Bitfinex sends them. */
    void accountEvents(String account, List<AccountEvent> events);

    /**
     * A symbol's market changed: new public trades (oldest first), candles from {@code fromMts} on, and the ticker.
     */
    void marketChanged(Market market, List<PublicTrade> newTrades, long fromMts, ArrayNode ticker);

    /** The platform entered (true) or left (false) maintenance. */
    void maintenance(boolean active);

    ExchangeListener NONE = new ExchangeListener() {
        @Override
        public void accountEvents(String account, List<AccountEvent> events) {
        }

        @Override
        public void marketChanged(Market market, List<PublicTrade> newTrades, long fromMts, ArrayNode ticker) {
        }

        @Override
        public void maintenance(boolean active) {
        }
    };
}
