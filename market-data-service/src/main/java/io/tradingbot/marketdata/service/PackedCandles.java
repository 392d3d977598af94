package io.tradingbot.marketdata.service;

import io.tradingbot.bitfinex.model.Candle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Candles sorted by their start, one per start, kept as columns of numbers: a candle of five {@code BigDecimal}s in
 * a {@code TreeMap} took 305 bytes of heap, here 53 (its start, and each price or volume as an unscaled {@code long}
 * and a scale), 74 with the columns' free room. A feed holds up to {@code market-data.history-size} of them per symbol
 * and timeframe: at 100 symbols, two timeframes and 1,000 candles, 15 MB instead of 61. Exact: a value comes back
 * equal to the one put in, scale included; the rare one that does not fit a {@code long} and a byte of scale is kept
 * as it is. The newest candle, the open one that every update replaces, stays a {@code Candle} until the next one
 * starts, so an update neither packs nor unpacks anything. Not thread-safe ({@link CandleTrack} locks).
 */
final class PackedCandles {
    private static final int FIELDS = 5;
    /** The scale of a value kept whole in {@link #wide}. */
    private static final byte WIDE = Byte.MIN_VALUE;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private long[] mts;
    private long[] unscaled;
    private byte[] scales;
    /** Allocated with the first value that does not pack. */
    private BigDecimal[] wide;
    /** The candles are at [first, end) of the columns; removal from the front moves first. */
    private int first;
    private int end;
    /** The candle at end - 1, whose values are not in the columns; null when empty. */
    private Candle newest;

    PackedCandles() {
        this(16);
    }

    PackedCandles(int initialCapacity) {
        int n = Math.max(initialCapacity, 4);
        mts = new long[n];
        unscaled = new long[n * FIELDS];
        scales = new byte[n * FIELDS];
    }

    int size() {
        return end - first;
    }

    boolean isEmpty() {
        return end == first;
    }

    /** The start of the i-th candle, oldest first. */
    long mts(int i) {
        return mts[first + checked(i)];
    }

    Candle get(int i) {
        int at = first + checked(i);
        if (at == end - 1) {
            return newest;
        }
        return new Candle(mts[at], value(at, 0), value(at, 1), value(at, 2), value(at, 3), value(at, 4));
    }

    /** The position of the first candle that starts after {@code mts}, {@link #size()} when there is none. */
    int indexAfter(long after) {
        int lo = first;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mts[mid] <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - first;
    }

    /** Adds the candle, or replaces the one with the same start. Its five values must not be null. */
    void put(Candle c) {
        int i = indexAfter(c.mts());
        if (i > 0 && mts(i - 1) == c.mts()) {
            write(first + i - 1, c);
            return;
        }
        if (end == mts.length) {
            makeRoom();
        }
        int at = first + i;
        if (at == end && newest != null) {
            pack(end - 1, newest);
        }
        if (at < end) {
            System.arraycopy(mts, at, mts, at + 1, end - at);
            System.arraycopy(unscaled, at * FIELDS, unscaled, (at + 1) * FIELDS, (end - at) * FIELDS);
            System.arraycopy(scales, at * FIELDS, scales, (at + 1) * FIELDS, (end - at) * FIELDS);
            if (wide != null) {
                System.arraycopy(wide, at * FIELDS, wide, (at + 1) * FIELDS, (end - at) * FIELDS);
            }
        }
        end++;
        write(at, c);
    }

    void removeFirst() {
        if (isEmpty()) {
            throw new IllegalStateException("no candle");
        }
        if (wide != null) {
            Arrays.fill(wide, first * FIELDS, (first + 1) * FIELDS, null);
        }
        first++;
        if (first == end) {
            newest = null;
        }
    }

    private void write(int at, Candle c) {
        mts[at] = c.mts();
        if (at == end - 1) {
            newest = c;
        } else {
            pack(at, c);
        }
    }

    private void pack(int at, Candle c) {
        pack(at, 0, c.open());
        pack(at, 1, c.close());
        pack(at, 2, c.high());
        pack(at, 3, c.low());
        pack(at, 4, c.volume());
    }

    private void pack(int at, int field, BigDecimal v) {
        int k = at * FIELDS + field;
        BigInteger u = v.unscaledValue();
        boolean fits = u.compareTo(LONG_MIN) >= 0 && u.compareTo(LONG_MAX) <= 0;
        if (fits && v.scale() > WIDE && v.scale() <= Byte.MAX_VALUE) {
            unscaled[k] = u.longValue();
            scales[k] = (byte) v.scale();
            if (wide != null) {
                wide[k] = null;
            }
        } else {
            if (wide == null) {
                wide = new BigDecimal[unscaled.length];
            }
            wide[k] = v;
            scales[k] = WIDE;
        }
    }

    private BigDecimal value(int at, int field) {
        int k = at * FIELDS + field;
        return scales[k] == WIDE ? wide[k] : BigDecimal.valueOf(unscaled[k], scales[k]);
    }

    /** Moves the candles to the front when a quarter of the columns is free ahead of them, else grows them by half. */
    private void makeRoom() {
        int size = size();
        int length = size * 4 <= mts.length * 3 ? mts.length : mts.length + (mts.length >> 1);
        long[] m = length != mts.length ? new long[length] : mts;
        System.arraycopy(mts, first, m, 0, size);
        long[] u = length != mts.length ? new long[length * FIELDS] : unscaled;
        System.arraycopy(unscaled, first * FIELDS, u, 0, size * FIELDS);
        byte[] s = length != mts.length ? new byte[length * FIELDS] : scales;
        System.arraycopy(scales, first * FIELDS, s, 0, size * FIELDS);
        if (wide != null) {
            BigDecimal[] w = new BigDecimal[length * FIELDS];
            System.arraycopy(wide, first * FIELDS, w, 0, size * FIELDS);
            wide = w;
        }
        mts = m;
        unscaled = u;
        scales = s;
        first = 0;
        end = size;
    }

    private int checked(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }
}
