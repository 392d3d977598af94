package io.tradingbot.benchmarks.jmh;

import io.tradingbot.events.Candle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * A seeded random walk of 1m candles (the simulator's kind of market: a GBM around 43,000 with about 0.8 annual
 * volatility scaled up so that RSI crosses its levels and strategies fire now and then). Prices are precomputed so that a
 * benchmark's measured code does not include the random numbers; the candle itself is built per call because its mts
 * must keep growing.
 */
final class PricePath {
    static final long MINUTE = 60_000L;
    private final BigDecimal[] open;
    private final BigDecimal[] close;
    private final BigDecimal[] high;
    private final BigDecimal[] low;
    private final BigDecimal volume = new BigDecimal("1.2345");
    private final int mask;

    /** @param size a power of two: the path repeats after that many bars */
    PricePath(int size, long seed) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        Random random = new Random(seed);
        open = new BigDecimal[size];
        close = new BigDecimal[size];
        high = new BigDecimal[size];
        low = new BigDecimal[size];
        double price = 43_000;
        for (int i = 0; i < size; i++) {
            double o = price;
            // 0.3% per minute: far more than BTC's real 1m volatility, so that the rules do cross their levels.
            double c = o * Math.exp(0.003 * random.nextGaussian());
            double h = Math.max(o, c) * (1 + 0.001 * random.nextDouble());
            double l = Math.min(o, c) * (1 - 0.001 * random.nextDouble());
            open[i] = price(o);
            close[i] = price(c);
            high[i] = price(h);
            low[i] = price(l);
            price = c;
        }
        mask = size - 1;
    }

    private static BigDecimal price(double value) {
        // Bitfinex quotes 5 significant digits.
        return new BigDecimal(value).round(new java.math.MathContext(5, RoundingMode.HALF_EVEN));
    }

    /** The closed 1m candle number {@code n} (mts = n minutes after the epoch of the path). */
    Candle candle(String symbol, long n) {
        int i = (int) (n & mask);
        return new Candle(symbol, "1m", n * MINUTE, open[i], close[i], high[i], low[i], volume, true);
    }
}
