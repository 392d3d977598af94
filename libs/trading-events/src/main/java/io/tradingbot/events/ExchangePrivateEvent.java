package io.tradingbot.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * A Bitfinex private event from the authenticated channel 0 ({@code exchange.private.v1}): the event code, the raw array as
 * Bitfinex sent it (kept whole, so nothing is lost when a field is added upstream) and the fields decoded by name.
 * Keyed by symbol where the event has one, else by account.
 */
public record ExchangePrivateEvent(String account, String code, String symbol, JsonNode raw, JsonNode fields,
        long receivedMts) {

    /** The channel-0 event codes that cross this topic. */
    public static final Set<String> CODES = Set.of("os", "on", "ou", "oc", "te", "tu", "ws", "wu", "ps", "pn", "pu", "pc",
            "miu", "bu", "n");

    public ExchangePrivateEvent {
        Require.text(account, "account");
        Require.text(code, "code");
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("field 'code' must be one of " + CODES + ", was '" + code + "'");
        }
        Require.present(raw, "raw");
        if (!raw.isArray()) {
            throw new IllegalArgumentException("field 'raw' must be the event's array as Bitfinex sent it");
        }
    }
}
