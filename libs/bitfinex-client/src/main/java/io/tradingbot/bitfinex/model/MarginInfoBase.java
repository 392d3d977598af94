package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code ["base", [USER_PL, USER_SWAPS, MARGIN_BALANCE, MARGIN_NET, MARGIN_MIN]]}. */
public record MarginInfoBase(BigDecimal userPl, BigDecimal userSwaps, BigDecimal marginBalance, BigDecimal marginNet,
                             BigDecimal marginMin, JsonNode raw) {

    public static MarginInfoBase fromArray(JsonNode a) {
        Fields.requireArray(a, "margin info base");
        if (!"base".equals(Fields.text(a, 0))) {
            throw new IllegalArgumentException("not a base margin info: " + a);
        }
        JsonNode v = Fields.requireArray(Fields.at(a, 1), "margin info base values");
        return new MarginInfoBase(Fields.decimal(v, 0), Fields.decimal(v, 1), Fields.decimal(v, 2), Fields.decimal(v, 3),
                Fields.decimal(v, 4), a);
    }
}
