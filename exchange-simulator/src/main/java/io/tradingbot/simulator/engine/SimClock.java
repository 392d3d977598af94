package io.tradingbot.simulator.engine;

/**
 * The simulator's time: runs at {@code speed} × real time from a start instant and can be moved forward.
 * Speed 0 freezes it, which tests use to make every step explicit.
 */
public final class SimClock {
    private final double speed;
    private final long startMillis;
    private final long realStartNanos;
    private long offsetMillis;
    private long lastReturned;

    public SimClock(long startMillis, double speed) {
        this.startMillis = startMillis;
        this.speed = speed;
        this.realStartNanos = System.nanoTime();
    }

    public synchronized long now() {
        // From nanoseconds, not whole real ms: at 10x a whole real ms is 10 simulated ms, and a step due within one
        // would wait for the next real ms to begin (trades and candle closes went out up to 1 ms late).
        long t = startMillis + offsetMillis + (long) ((System.nanoTime() - realStartNanos) * speed / 1_000_000d);
        // Never go backwards, whatever the rounding of speed.
        lastReturned = Math.max(lastReturned, t);
        return lastReturned;
    }

    public synchronized void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be ≥ 0");
        }
        offsetMillis += millis;
    }

    public long startMillis() {
        return startMillis;
    }

    public double speed() {
        return speed;
    }
}
