package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** A public trade {@code [ID, MTS, AMOUNT, PRICE]}; amount &gt; 0 when the taker bought, &lt; 0 when it sold. */
public record PublicTrade(Long id, Long mts, BigDecimal amount, BigDecimal price) {

    public static PublicTrade fromArray(JsonNode a) {
        Fields.requireArray(a, "public trade");
        return new PublicTrade(Fields.int64(a, 0), Fields.int64(a, 1), Fields.decimal(a, 2), Fields.decimal(a, 3));
    }

    public boolean takerBought() {
        return amount != null && amount.signum() > 0;
    }
}
