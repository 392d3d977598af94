package io.tradingbot.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A strategy's verdict on a closed candle ({@code strategy.signals.v1}), with the reason in words and the indicator values it
 * was based on. The id is derived from (strategy, symbol, timeframe, candle mts), so re-evaluating a candle gives the same id.
 */
public record Signal(String id, String symbol, SignalType signal, String reason, BigDecimal currentPrice, BigDecimal rsi,
        BigDecimal ema, String strategy, String timeframe, long candleMts, Instant createdAt) {

    public Signal {
        Require.text(id, "id");
        Require.symbol(symbol);
        Require.present(signal, "signal");
        Require.text(reason, "reason");
        Require.positive(currentPrice, "current_price");
        Require.text(strategy, "strategy");
        Require.text(timeframe, "timeframe");
        Require.present(createdAt, "created_at");
    }
}
