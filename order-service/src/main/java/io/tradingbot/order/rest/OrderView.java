package io.tradingbot.order.rest;

import io.tradingbot.bitfinex.model.Order;

import java.math.BigDecimal;

/** An order as the exchange shows it, with the verdict it was placed for when order-service placed it. */
public record OrderView(Long id, Long cid, Long gid, String symbol, String type, BigDecimal amount, BigDecimal amountOrig,
        BigDecimal price, BigDecimal priceAvg, String status, Integer flags, Long mtsCreate, Long mtsUpdate,
        String verdictId) {

    static OrderView of(Order o, String verdictId) {
        return new OrderView(o.id(), o.cid(), o.gid(), o.symbol(), o.type(), o.amount(), o.amountOrig(), o.price(),
                o.priceAvg(), o.status(), o.flags(), o.mtsCreate(), o.mtsUpdate(), verdictId);
    }
}
