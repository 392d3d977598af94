package io.tradingbot.events;

import java.time.Instant;

/**
 * The seed's trade result ({@code trading.results.v1}): what came of acting on a verdict. {@code order} is the order's latest
 * state, null when nothing was placed.
 */
public record TradeResult(String verdictId, String symbol, SignalType signal, boolean success, String message,
        OrderEvent order, Instant createdAt) {

    public TradeResult {
        Require.text(verdictId, "verdict_id");
        Require.symbol(symbol);
        Require.present(signal, "signal");
        Require.text(message, "message");
        Require.present(createdAt, "created_at");
    }
}
