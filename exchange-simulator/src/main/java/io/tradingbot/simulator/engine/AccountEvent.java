package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One channel-0 event of an account, e.g. type "on" with an ORDER array. {@code symbol} and {@code wallet} let
 * sockets apply their auth filter.
 */
public record AccountEvent(long mts, String type, String symbol, String wallet, JsonNode payload) {

    /** The frame as sent on the socket: [0, TYPE, PAYLOAD]. */
    public ArrayNode frame() {
        return WireJson.array(0, type, payload);
    }
}
