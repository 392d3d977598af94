package io.tradingbot.order.rest;

import java.math.BigDecimal;

/** {@code PUT /orders/{id}}: a new price, a new amount (signed as on Bitfinex: + buy, - sell), or both. */
public record OrderChange(BigDecimal price, BigDecimal amount) {
}
