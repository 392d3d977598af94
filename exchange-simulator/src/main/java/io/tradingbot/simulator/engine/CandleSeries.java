package io.tradingbot.simulator.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Candles of one symbol and timeframe, oldest first, bounded in size. */
final class CandleSeries {
    private static final int MAX = 20_000;

    private final Timeframe timeframe;
    private final ArrayList<Candle> candles = new ArrayList<>();

    CandleSeries(Timeframe timeframe) {
        this.timeframe = timeframe;
    }

    void add(long mts, BigDecimal price, BigDecimal amount) {
        long open = timeframe.open(mts);
        Candle last = candles.isEmpty() ? null : candles.get(candles.size() - 1);
        if (last == null || last.mts != open) {
            // A new period opens at the previous close so candles chain without gaps.
            Candle c = new Candle(open, last == null ? price : last.close);
            candles.add(c);
            last = c;
            if (candles.size() > MAX + 1000) {
                candles.subList(0, candles.size() - MAX).clear();
            }
        }
        last.add(price, amount);
    }

    /** Adds volume only (a trade that does not set the price), opening the period at the last close if needed. */
    void addVolume(long mts, BigDecimal price, BigDecimal amount) {
        Candle last = last();
        if (last == null || last.mts != timeframe.open(mts)) {
            add(mts, last == null ? price : last.close, BigDecimal.ZERO);
            last = last();
        }
        last.volume = last.volume.add(amount.abs());
    }

    Candle last() {
        return candles.isEmpty() ? null : candles.get(candles.size() - 1);
    }

    /** Candles with start ≤ mts ≤ end, oldest first. */
    List<Candle> range(long start, long end) {
        List<Candle> out = new ArrayList<>();
        int from = lowerBound(start);
        for (int i = from; i < candles.size(); i++) {
            Candle c = candles.get(i);
            if (c.mts > end) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    /** Like {@link #range} without the copy: valid only until the series changes (read under the exchange's lock). */
    List<Candle> view(long start, long end) {
        int from = lowerBound(start);
        int to = Math.max(from, lowerBound(end + 1));
        return Collections.unmodifiableList(candles.subList(from, to));
    }

    private int lowerBound(long mts) {
        int lo = 0;
        int hi = candles.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (candles.get(mid).mts < mts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
