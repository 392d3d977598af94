package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.events.Symbols;

import java.util.ArrayList;
import java.util.List;

/** What a client may ask on the socket: {@code {"action": "subscribe" | "unsubscribe", "symbols": [...]}}, or a ping. */
record ClientAction(String action, List<String> symbols) {

    static ClientAction parse(JsonNode message) {
        if (message == null || !message.isObject() || !message.path("action").isTextual()) {
            throw new IllegalArgumentException("a message is {\"action\": \"subscribe\" | \"unsubscribe\" | \"ping\", "
                    + "\"symbols\": [\"tBTCUSD\", ...]}");
        }
        String action = message.get("action").asText();
        if (action.equals("ping")) {
            return new ClientAction(action, List.of());
        }
        if (!action.equals("subscribe") && !action.equals("unsubscribe")) {
            throw new IllegalArgumentException("unknown action '" + action + "'; use subscribe, unsubscribe or ping");
        }
        return new ClientAction(action, symbols(message.get("symbols")));
    }

    static List<String> symbols(JsonNode symbols) {
        if (symbols == null || !symbols.isArray() || symbols.isEmpty()) {
            throw new IllegalArgumentException("'symbols' must be a non-empty array of symbols such as [\"tBTCUSD\"]");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode symbol : symbols) {
            if (!symbol.isTextual() || !Symbols.isValid(symbol.asText())) {
                throw new IllegalArgumentException("'" + symbol.asText() + "' is not a Bitfinex trading symbol "
                        + "(t-prefixed, such as tBTCUSD)");
            }
            result.add(symbol.asText());
        }
        return result;
    }

    /** Applies the action to the client's subscriptions; answers what it is subscribed to now. */
    List<String> apply(Subscriber subscriber) {
        if (action.equals("subscribe")) {
            subscriber.symbols().addAll(symbols);
        } else if (action.equals("unsubscribe")) {
            symbols.forEach(subscriber.symbols()::remove);
        }
        return subscriber.symbols().stream().sorted().toList();
    }
}
