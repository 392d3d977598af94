package io.tradingbot.order.rest;

/** {@code POST /orders}: the id of a verdict risk-service gave; there is no way to place an order around risk. */
public record PlaceOrder(String verdictId) {
}
