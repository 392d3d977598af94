package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A trading pair's ticker: {@code [BID, BID_SIZE, ASK, ASK_SIZE, DAILY_CHANGE, DAILY_CHANGE_RELATIVE, LAST_PRICE,
 * VOLUME, HIGH, LOW]}. {@code dailyChangeRelative} is a fraction (0.01 = 1 %).
 */
public record Ticker(BigDecimal bid, BigDecimal bidSize, BigDecimal ask, BigDecimal askSize, BigDecimal dailyChange,
                     BigDecimal dailyChangeRelative, BigDecimal lastPrice, BigDecimal volume, BigDecimal high,
                     BigDecimal low) {

    public static Ticker fromArray(JsonNode a) {
        return fromArray(a, 0);
    }

    /** Decodes the ten fields starting at {@code offset} (1 for a row of {@code tickers}, which starts with the symbol). */
    static Ticker fromArray(JsonNode a, int offset) {
        Fields.requireArray(a, "ticker");
        return new Ticker(Fields.decimal(a, offset), Fields.decimal(a, offset + 1), Fields.decimal(a, offset + 2),
                Fields.decimal(a, offset + 3), Fields.decimal(a, offset + 4), Fields.decimal(a, offset + 5),
                Fields.decimal(a, offset + 6), Fields.decimal(a, offset + 7), Fields.decimal(a, offset + 8),
                Fields.decimal(a, offset + 9));
    }
}
