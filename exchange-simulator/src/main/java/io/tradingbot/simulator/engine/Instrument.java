package io.tradingbot.simulator.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tradable pair and the parameters of its price process and synthetic book. {@code stepOffsetMillis} is when, within
 * each of the exchange's step intervals, this market trades: markets of a real exchange trade at their own moments, and
 * a candle closes at its market's first trade of the next minute, not at the same instant on every pair.
 */
public record Instrument(String symbol, String base, String quote, BigDecimal initialPrice, double drift,
                         double volatility, BigDecimal levelSize, BigDecimal minSize, BigDecimal maxSize,
                         boolean margin, List<ReplayCandle> replay, long stepOffsetMillis) {

    /** An instrument priced by the seeded geometric Brownian motion. */
    public Instrument(String symbol, String base, String quote, BigDecimal initialPrice, double drift,
                      double volatility, BigDecimal levelSize, BigDecimal minSize, BigDecimal maxSize,
                      boolean margin) {
        this(symbol, base, quote, initialPrice, drift, volatility, levelSize, minSize, maxSize, margin, List.of(), 0);
    }

    public Instrument {
        replay = replay == null ? List.of() : List.copyOf(replay);
        if (stepOffsetMillis < 0) {
            throw new IllegalArgumentException(symbol + ": step offset must not be negative, was " + stepOffsetMillis);
        }
    }

    /** One minute of a replayed candle file: the price walks open → low/high → close within the minute. */
    public record ReplayCandle(double open, double close, double high, double low) {
    }

    /** The pair without the leading t: BTCUSD, TESTBTC:TESTUSD. */
    public String pair() {
        return symbol.substring(1);
    }
}
