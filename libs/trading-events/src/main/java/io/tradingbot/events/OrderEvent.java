package io.tradingbot.events;

import java.math.BigDecimal;

/**
 * One step in an order's life ({@code orders.events.v1}). Amounts are signed as on Bitfinex (positive buys, negative sells);
 * {@code exchangeId} is null until the exchange has accepted the order; {@code reason} carries the exchange's words on a
 * rejection or cancellation.
 */
public record OrderEvent(long cid, Long exchangeId, String symbol, OrderStatus status, String orderType,
        BigDecimal amountOriginal, BigDecimal amountRemaining, BigDecimal price, BigDecimal priceAvg, String reason,
        String verdictId, long mts) {

    public OrderEvent {
        Require.symbol(symbol);
        Require.present(status, "status");
        Require.text(orderType, "order_type");
        Require.present(amountOriginal, "amount_original");
        if (amountOriginal.signum() == 0) {
            throw new IllegalArgumentException("field 'amount_original' must not be zero");
        }
    }
}
