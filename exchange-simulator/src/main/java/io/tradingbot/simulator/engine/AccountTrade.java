package io.tradingbot.simulator.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.math.BigDecimal;

/** An execution of an account's order (docs rest-auth-trades). */
public record AccountTrade(long id, String symbol, long mts, long orderId, BigDecimal execAmount,
                           BigDecimal execPrice, String orderType, BigDecimal orderPrice, boolean maker,
                           BigDecimal fee, String feeCurrency, Long cid) {

    /** The TRADE array (12); {@code withFee=false} gives the WS "te" form (fee fields null). */
    public ArrayNode toArray(boolean withFee) {
        return WireJson.array(id, symbol, mts, orderId, execAmount, execPrice, orderType, orderPrice,
                maker ? 1 : -1, withFee ? fee : null, withFee ? feeCurrency : null, cid);
    }
}
