package io.tradingbot.benchmarks.report;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * A latency distribution in microseconds (HdrHistogram, 3 significant digits, up to an hour), shown in milliseconds.
 * Not thread-safe: record from one thread, or use {@link org.HdrHistogram.Recorder} and {@link #of(Histogram)}.
 */
public final class Latency {
    private final Histogram histogram;

    public Latency() {
        this(new Histogram(3_600_000_000L, 3));
    }

    private Latency(Histogram histogram) {
        this.histogram = histogram;
    }

    public static Latency of(Histogram histogram) {
        return new Latency(histogram);
    }

    /** Records a duration; a negative one (clock noise across processes) counts as zero. */
    public void recordMicros(long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, histogram.getHighestTrackableValue())));
    }

    public void recordMillis(double millis) {
        recordMicros(Math.round(millis * 1000));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return histogram.getMaxValue() / 1000.0;
    }

    /** {@code | name | count | p50 | p90 | p99 | max |} in ms; dashes when nothing was recorded. */
    public String row(String name) {
        if (count() == 0) {
            return "| " + name + " | 0 | – | – | – | – |";
        }
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |", name, count(), ms(percentileMillis(50)),
                ms(percentileMillis(90)), ms(percentileMillis(99)), ms(maxMillis()));
    }

    public static String header(String first) {
        return "| " + first + " | n | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|";
    }

    static String ms(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
