package io.tradingbot.bitfinex.model;

import java.util.List;

/**
 * The outcome of an order submit. {@code notification} is the exchange's {@code on-req} answer; it is null when the
 * answer was lost (timeout, 5xx, 429) and the client found the order afterwards by its cid
 * ({@code recoveredByLookup} true) instead of sending it again.
 */
public record SubmittedOrder(long cid, List<Order> orders, Notification notification, boolean recoveredByLookup) {

    public SubmittedOrder {
        orders = List.copyOf(orders);
    }

    /** The first (for OCO: the limit leg) order. */
    public Order order() {
        return orders.isEmpty() ? null : orders.get(0);
    }
}
