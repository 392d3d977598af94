package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One pair of {@code conf/pub:info:pair}: {@code [PAIR, [_, _, _, MIN_ORDER_SIZE, MAX_ORDER_SIZE, _, _, _,
 * INITIAL_MARGIN, MIN_MARGIN]]}. Bitfinex's precision rules are not in the conf: prices keep 5 significant digits,
 * amounts 8 decimals; they are exposed here as constants so callers round in one place.
 */
public record PairInfo(String pair, BigDecimal minOrderSize, BigDecimal maxOrderSize, BigDecimal initialMargin,
                       BigDecimal minMargin, JsonNode raw) {

    public static final int PRICE_SIGNIFICANT_DIGITS = 5;
    public static final int AMOUNT_DECIMALS = 8;

    public static PairInfo fromArray(JsonNode a) {
        Fields.requireArray(a, "pair info");
        JsonNode v = Fields.at(a, 1);
        return new PairInfo(Fields.text(a, 0), Fields.decimal(v, 3), Fields.decimal(v, 4), Fields.decimal(v, 8),
                Fields.decimal(v, 9), a);
    }

    /** The trading symbol of this pair: {@code t} + pair ({@code BTCUSD} → {@code tBTCUSD}). */
    public String symbol() {
        return "t" + pair;
    }
}
