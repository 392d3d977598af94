package io.tradingbot.bitfinex.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Client-side sliding-window limiter, one window per {@link EndpointFamily}: at most N sends in any 60 s. Calls
 * reserve a send time (FIFO) and are told how long to wait, so a burst is spread out instead of earning a 60 s IP ban.
 * The clock is injectable (nanoseconds, like {@link System#nanoTime()}).
 */
public final class RateLimiter {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final LongSupplier nanoClock;
    private final Map<EndpointFamily, Integer> limits;
    private final Map<EndpointFamily, List<Long>> sendTimes = new EnumMap<>(EndpointFamily.class);

    public RateLimiter(LongSupplier nanoClock) {
        this(nanoClock, defaultLimits());
    }

    public RateLimiter(LongSupplier nanoClock, Map<EndpointFamily, Integer> limitsPerMinute) {
        this.nanoClock = nanoClock;
        this.limits = new EnumMap<>(defaultLimits());
        this.limits.putAll(limitsPerMinute);
    }

    public static Map<EndpointFamily, Integer> defaultLimits() {
        Map<EndpointFamily, Integer> limits = new EnumMap<>(EndpointFamily.class);
        for (EndpointFamily family : EndpointFamily.values()) {
            limits.put(family, family.requestsPerMinute());
        }
        return limits;
    }

    /** Reserves the earliest send slot for the family; returns how long the caller must wait before sending. */
    public synchronized Duration reserve(EndpointFamily family) {
        long now = nanoClock.getAsLong();
        int limit = limits.get(family);
        List<Long> times = sendTimes.computeIfAbsent(family, f -> new ArrayList<>());
        while (!times.isEmpty() && times.get(0) <= now - WINDOW_NANOS) {
            times.remove(0);
        }
        long slot = times.size() < limit ? now : times.get(times.size() - limit) + WINDOW_NANOS;
        if (!times.isEmpty()) {
            slot = Math.max(slot, times.get(times.size() - 1));
        }
        slot = Math.max(slot, now);
        times.add(slot);
        return Duration.ofNanos(slot - now);
    }

    /** How many sends the family may still make now without waiting. */
    public synchronized int available(EndpointFamily family) {
        long now = nanoClock.getAsLong();
        List<Long> times = sendTimes.getOrDefault(family, List.of());
        long inWindow = times.stream().filter(t -> t > now - WINDOW_NANOS).count();
        return (int) Math.max(0, limits.get(family) - inWindow);
    }
}
