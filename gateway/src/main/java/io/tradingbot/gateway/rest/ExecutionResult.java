package io.tradingbot.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.events.OrderEvent;

/** The seed's {@code execute_trading_signal} answer: whether an order was placed, why (or why not), and the order. */
public record ExecutionResult(boolean success, String message, String symbol, String verdictId, OrderEvent order,
        JsonNode refusal) {
}
