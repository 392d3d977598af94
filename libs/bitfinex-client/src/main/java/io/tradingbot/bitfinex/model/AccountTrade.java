package io.tradingbot.bitfinex.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the account's executions: {@code [ID, SYMBOL, MTS, ORDER_ID, EXEC_AMOUNT, EXEC_PRICE, ORDER_TYPE, ORDER_PRICE,
 * MAKER, FEE, FEE_CURRENCY, CID]}. On a WebSocket {@code te} FEE and FEE_CURRENCY are null; {@code tu} fills them.
 * {@code maker}: 1 maker, -1 taker. A negative fee is a charge.
 */
public record AccountTrade(Long id, String symbol, Long mts, Long orderId, BigDecimal execAmount, BigDecimal execPrice,
                           String orderType, BigDecimal orderPrice, Integer maker, BigDecimal fee, String feeCurrency,
                           Long cid, JsonNode raw) {

    public static AccountTrade fromArray(JsonNode a) {
        Fields.requireArray(a, "trade");
        return new AccountTrade(Fields.int64(a, 0), Fields.text(a, 1), Fields.int64(a, 2), Fields.int64(a, 3),
                Fields.decimal(a, 4), Fields.decimal(a, 5), Fields.text(a, 6), Fields.decimal(a, 7), Fields.int32(a, 8),
                Fields.decimal(a, 9), Fields.text(a, 10), Fields.int64(a, 11), a);
    }

    public boolean isMaker() {
        return maker != null && maker > 0;
    }
}
