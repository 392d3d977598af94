package io.tradingbot.simulator.engine;

import java.math.BigDecimal;

/** One candle; mutable while it is the current one of its series. */
public final class Candle {
    final long mts;
    BigDecimal open;
    BigDecimal close;
    BigDecimal high;
    BigDecimal low;
    BigDecimal volume;

    Candle(long mts, BigDecimal price) {
        this.mts = mts;
        this.open = price;
        this.close = price;
        this.high = price;
        this.low = price;
        this.volume = BigDecimal.ZERO;
    }

    void add(BigDecimal price, BigDecimal amount) {
        close = price;
        if (price.compareTo(high) > 0) {
            high = price;
        }
        if (price.compareTo(low) < 0) {
            low = price;
        }
        volume = volume.add(amount.abs());
    }

    public long mts() {
        return mts;
    }

    public BigDecimal open() {
        return open;
    }

    public BigDecimal close() {
        return close;
    }

    public BigDecimal high() {
        return high;
    }

    public BigDecimal low() {
        return low;
    }

    public BigDecimal volume() {
        return volume;
    }
}
