package io.tradingbot.simulator.engine;

import java.util.Optional;

/** Candle timeframes, aligned on UTC epoch multiples (days start at 00:00 UTC). */
public enum Timeframe {
    M1("1m", 60_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    M30("30m", 1_800_000L),
    H1("1h", 3_600_000L),
    H3("3h", 10_800_000L),
    H6("6h", 21_600_000L),
    H12("12h", 43_200_000L),
    D1("1D", 86_400_000L);

    private final String label;
    private final long millis;

    Timeframe(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    public long open(long mts) {
        return Math.floorDiv(mts, millis) * millis;
    }

    public static Optional<Timeframe> of(String label) {
        for (Timeframe tf : values()) {
            if (tf.label.equals(label)) {
                return Optional.of(tf);
            }
        }
        return Optional.empty();
    }
}
