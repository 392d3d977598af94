package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A margin/derivatives position (20 fields). PL to LEVERAGE may be null on WebSocket frames until a calc.
 * {@code type}: 0 margin, 1 derivatives. {@code marginFundingType}: 0 daily, 1 term.
 */
public record Position(String symbol, String status, BigDecimal amount, BigDecimal basePrice, BigDecimal marginFunding,
                       Integer marginFundingType, BigDecimal pl, BigDecimal plPerc, BigDecimal priceLiq,
                       BigDecimal leverage, Long positionId, Long mtsCreate, Long mtsUpdate, Integer type,
                       BigDecimal collateral, BigDecimal collateralMin, JsonNode meta, JsonNode raw) {

    public static Position fromArray(JsonNode a) {
        Fields.requireArray(a, "position");
        return new Position(Fields.text(a, 0), Fields.text(a, 1), Fields.decimal(a, 2), Fields.decimal(a, 3),
                Fields.decimal(a, 4), Fields.int32(a, 5), Fields.decimal(a, 6), Fields.decimal(a, 7),
                Fields.decimal(a, 8), Fields.decimal(a, 9), Fields.int64(a, 11), Fields.int64(a, 12),
                Fields.int64(a, 13), Fields.int32(a, 15), Fields.decimal(a, 17), Fields.decimal(a, 18),
                Fields.at(a, 19), a);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
