package io.tradingbot.benchmarks.stack;

import java.time.Duration;

/** Something that sends price updates at a target rate: the simulator's admin API, or candles straight onto Kafka. */
public interface UpdateSource {

    /** What was sent and acknowledged in one call of {@link #drive}. */
    record Outcome(long sent, long ok, long failed, double seconds) {
        public double achievedPerSecond() {
            return ok / seconds;
        }
    }

    /** Sends updates at {@code perSecond} for {@code duration}; returns once the last of them is answered. */
    Outcome drive(double perSecond, Duration duration) throws InterruptedException;
}
