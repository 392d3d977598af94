package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code bu} event: {@code [AUM, AUM_NET]} (total assets under management, and net of liabilities). */
public record BalanceInfo(BigDecimal aum, BigDecimal aumNet, JsonNode raw) {

    public static BalanceInfo fromArray(JsonNode a) {
        Fields.requireArray(a, "balance info");
        return new BalanceInfo(Fields.decimal(a, 0), Fields.decimal(a, 1), a);
    }
}
