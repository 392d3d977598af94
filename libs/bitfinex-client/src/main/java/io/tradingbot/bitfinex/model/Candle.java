package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME]} — Bitfinex's column order is O, C, H, L, not OHLC. */
public record Candle(long mts, BigDecimal open, BigDecimal close, BigDecimal high, BigDecimal low, BigDecimal volume) {

    public static Candle fromArray(JsonNode a) {
        Fields.requireArray(a, "candle");
        Long mts = Fields.int64(a, 0);
        return new Candle(mts == null ? 0L : mts, Fields.decimal(a, 1), Fields.decimal(a, 2), Fields.decimal(a, 3),
                Fields.decimal(a, 4), Fields.decimal(a, 5));
    }
}
