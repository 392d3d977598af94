package io.tradingbot.marketdata.service;

import io.tradingbot.events.Candle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

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
    private final NavigableMap<Long, io.tradingbot.bitfinex.model.Candle> candles = new TreeMap<>();
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
        for (io.tradingbot.bitfinex.model.Candle c : seen) {
            // a candle already published closed is final: a late copy must not change what consumers were told
            if (c.mts() > watermark && complete(c)) {
                candles.put(c.mts(), c);
            }
        }
        if (!started && !candles.isEmpty()) {
            Long newest = candles.lastKey();
            Long closedBefore = candles.lowerKey(newest);
            watermark = closedBefore == null ? newest - period : closedBefore;
            // an earlier run's last closed candle, if the history read covers what closed since: continue from there
            if (resumeAfter != null && resumeAfter < watermark && resumeAfter >= candles.firstKey() - period) {
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
        long newest = candles.lastKey();
        long expected = watermark + period;
        for (Long mts : candles.subMap(watermark, false, newest, true).keySet()) {
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
        long newest = candles.lastKey();
        for (Map.Entry<Long, io.tradingbot.bitfinex.model.Candle> e : candles.subMap(watermark, false, newest, false).entrySet()) {
            out.add(event(e.getValue(), true));
            watermark = e.getKey();
        }
        io.tradingbot.bitfinex.model.Candle current = candles.get(newest);
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
        long newest = candles.lastKey();
        List<io.tradingbot.bitfinex.model.Candle> tail = new ArrayList<>(candles.values());
        for (io.tradingbot.bitfinex.model.Candle c : tail.subList(Math.max(0, tail.size() - limit), tail.size())) {
            out.add(event(c, c.mts() != newest));
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
        while (candles.size() > capacity && candles.firstKey() < watermark) {
            candles.pollFirstEntry();
        }
    }

    private Candle event(io.tradingbot.bitfinex.model.Candle c, boolean closed) {
        return new Candle(symbol, timeframe, c.mts(), c.open(), c.close(), c.high(), c.low(), c.volume(), closed);
    }
}
