package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code [WALLET_TYPE, CURRENCY, BALANCE, UNSETTLED_INTEREST, BALANCE_AVAILABLE, DESCRIPTION, META]}.
 * {@code balanceAvailable} is null on WebSocket frames until Bitfinex computes it.
 */
public record Wallet(String type, String currency, BigDecimal balance, BigDecimal unsettledInterest,
                     BigDecimal balanceAvailable, String description, JsonNode meta, JsonNode raw) {

    public static Wallet fromArray(JsonNode a) {
        Fields.requireArray(a, "wallet");
        return new Wallet(Fields.text(a, 0), Fields.text(a, 1), Fields.decimal(a, 2), Fields.decimal(a, 3),
                Fields.decimal(a, 4), Fields.text(a, 5), Fields.at(a, 6), a);
    }
}
