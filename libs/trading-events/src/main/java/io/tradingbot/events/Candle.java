package io.tradingbot.events;

import java.math.BigDecimal;

/**
 * One candle of a symbol and timeframe ({@code market.candles.v1}). {@code closed} is true once the next candle has started,
 * so consumers that evaluate strategies on closed bars can ignore the updates of the current one.
 */
public record Candle(String symbol, String timeframe, long mts, BigDecimal open, BigDecimal close, BigDecimal high,
        BigDecimal low, BigDecimal volume, boolean closed) {

    public Candle {
        Require.symbol(symbol);
        Require.text(timeframe, "timeframe");
        Require.positive(open, "open");
        Require.positive(close, "close");
        Require.positive(high, "high");
        Require.positive(low, "low");
        Require.notNegative(Require.present(volume, "volume"), "volume");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("field 'high' (" + high.toPlainString() + ") must not be below 'low' (" + low.toPlainString() + ")");
        }
    }
}
