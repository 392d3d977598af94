package io.tradingbot.marketdata.service;

import io.tradingbot.events.Candle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The candles of one (symbol, timeframe) as this service has seen them, from the WebSocket and from REST, and what it
 * has published. Whatever the source and however often a candle is seen, it is published as closed exactly once, in
 * time order, and only once the next candle has started; the current candle is published (not closed) when it changed.
 * {@code MarketFeed} feeds it from one thread; REST reads come from others, hence the locking.
 */
final class CandleTrack {
    private final String symbol;
    private final String timeframe;
    private final long period;
    private final int capacity;
    private final PackedCandles candles = new PackedCandles();
    /** mts of the newest candle published closed (or, before anything was published, the newest closed at start). */
    private long watermark = Long.MIN_VALUE;
    private boolean started;
    private io.tradingbot.bitfinex.model.Candle lastOpenPublished;

    /** mts of the last candle an earlier run published closed, or null. */
    private final Long resumeAfter;

    CandleTrack(String symbol, String timeframe, int capacity) {
        this(symbol, timeframe, capacity, null);
    }

    CandleTrack(String symbol, String timeframe, int capacity, Long resumeAfter) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.period = Symbols.periodMillis(timeframe);
        this.capacity = capacity;
        this.resumeAfter = resumeAfter;
    }

    String symbol() {
        return symbol;
    }

    String timeframe() {
        return timeframe;
    }

    synchronized boolean started() {
        return started;
    }

    synchronized long watermark() {
        return watermark;
    }

    /**
     * Takes candles in (any order, duplicates welcome). The first call sets the baseline: history up to the last
     * candle an earlier run published closed (or, without one, everything before the newest candle) counts as already
     * published, so a start neither replays history onto the topic nor leaves out what closed while it was down.
     */
    synchronized void accept(List<io.tradingbot.bitfinex.model.Candle> seen) {
        // REST history and WebSocket snapshots come newest first: oldest first, each is appended rather than inserted
        List<io.tradingbot.bitfinex.model.Candle> oldestFirst = seen;
        if (seen.size() > 1 && seen.get(0).mts() > seen.get(seen.size() - 1).mts()) {
            oldestFirst = new ArrayList<>(seen);
            oldestFirst.sort(Comparator.comparingLong(io.tradingbot.bitfinex.model.Candle::mts));
        }
        for (io.tradingbot.bitfinex.model.Candle c : oldestFirst) {
            // a candle already published closed is final: a late copy must not change what consumers were told
            if (c.mts() > watermark && complete(c)) {
                candles.put(c);
            }
        }
        if (!started && !candles.isEmpty()) {
            int n = candles.size();
            long newest = candles.mts(n - 1);
            watermark = n == 1 ? newest - period : candles.mts(n - 2);
            // an earlier run's last closed candle, if the history read covers what closed since: continue from there
            if (resumeAfter != null && resumeAfter < watermark && resumeAfter >= candles.mts(0) - period) {
                watermark = resumeAfter;
            }
            started = true;
        }
        trim();
    }

    /**
     * The first missing period between the last published candle and the newest one seen, if the candles that should
     * close next do not follow each other: the caller reads that range over REST before {@link #drain()}.
     */
    synchronized Optional<long[]> gap() {
        if (!started || candles.isEmpty()) {
            return Optional.empty();
        }
        int n = candles.size();
        long newest = candles.mts(n - 1);
        long expected = watermark + period;
        for (int i = candles.indexAfter(watermark); i < n; i++) {
            long mts = candles.mts(i);
            if (mts > expected) {
                return Optional.of(new long[] {expected, newest});
            }
            expected = mts + period;
        }
        return Optional.empty();
    }

    /** The events to publish now: every newly closed candle, oldest first, then the current one if it changed. */
    synchronized List<Candle> drain() {
        List<Candle> out = new ArrayList<>();
        if (!started || candles.isEmpty()) {
            return out;
        }
        int n = candles.size();
        for (int i = candles.indexAfter(watermark); i < n - 1; i++) {
            out.add(event(candles.get(i), true));
            watermark = candles.mts(i);
        }
        io.tradingbot.bitfinex.model.Candle current = candles.get(n - 1);
        if (!current.equals(lastOpenPublished)) {
            out.add(event(current, false));
            lastOpenPublished = current;
        }
        return out;
    }

    /** The newest {@code limit} candles known, oldest first; all but the newest are closed. */
    synchronized List<Candle> history(int limit) {
        List<Candle> out = new ArrayList<>();
        if (candles.isEmpty()) {
            return out;
        }
        int n = candles.size();
        for (int i = Math.max(0, n - limit); i < n; i++) {
            out.add(event(candles.get(i), i < n - 1));
        }
        return out;
    }

    private static boolean complete(io.tradingbot.bitfinex.model.Candle c) {
        return c.open() != null && c.close() != null && c.high() != null && c.low() != null && c.volume() != null;
    }

    synchronized int size() {
        return candles.size();
    }

    private void trim() {
        while (candles.size() > capacity && candles.mts(0) < watermark) {
            candles.removeFirst();
        }
    }

    private Candle event(io.tradingbot.bitfinex.model.Candle c, boolean closed) {
        return new Candle(symbol, timeframe, c.mts(), c.open(), c.close(), c.high(), c.low(), c.volume(), closed);
    }
}
