package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code ["sym", SYMBOL, [TRADABLE_BALANCE, GROSS_BALANCE, BUY, SELL]]}. */
public record MarginInfoSymbol(String symbol, BigDecimal tradableBalance, BigDecimal grossBalance, BigDecimal buy,
                               BigDecimal sell, JsonNode raw) {

    public static MarginInfoSymbol fromArray(JsonNode a) {
        Fields.requireArray(a, "margin info sym");
        if (!"sym".equals(Fields.text(a, 0))) {
            throw new IllegalArgumentException("not a symbol margin info: " + a);
        }
        JsonNode v = Fields.requireArray(Fields.at(a, 2), "margin info sym values");
        return new MarginInfoSymbol(Fields.text(a, 1), Fields.decimal(v, 0), Fields.decimal(v, 1), Fields.decimal(v, 2),
                Fields.decimal(v, 3), a);
    }
}
