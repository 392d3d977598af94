package io.tradingbot.benchmarks.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The highest sustained rate of price updates through market-data → Kafka → strategy: steps of rising update rates,
 * each held for a while, watching the strategy-service group's lag on market.candles.v1. A step is sustained when at
 * least 90 % of the updates asked for were sent and acknowledged, and the lag did not grow over the step's second half by
 * more than 5 % of what was produced in it (a standing backlog from earlier is not growth). Through the simulator, also
 * when market-data was no more than {@value #MAX_FEED_DELAY_MILLIS} ms behind the exchange's feed in the step's second
 * half ({@link FeedDelay}): the lag on Kafka cannot tell a market-data falling behind the exchange from one sending
 * only the latest state of an open candle while its producer is busy.
 * <p>
 * The lag is read from the group's committed offsets, and the group commits every few seconds (SmallRye's throttled
 * commit, every {@code auto.commit.interval.ms}: 5 s), so one reading is the backlog plus whatever was consumed since
 * the last commit, up to 5 s of records depending on when it falls. The lag at the middle and at the end of a step is
 * therefore the lowest of the readings taken every {@value #SAMPLE_MILLIS} ms over the last commit interval and a
 * second before it: what was left right after a commit.
 */
public final class Throughput {
    /** {@code feedDelay}: the highest of the step's second half in ms, empty where not measured. */
    public record Step(double targetPerSecond, UpdateSource.Outcome outcome, double candlesPerSecond, long lagMid,
            long lagEnd, OptionalDouble feedDelay, boolean sustained) {
    }

    /** Where the lag is read from: {@link ConsumerLag#read}. */
    public interface LagSource {
        ConsumerLag.Reading read();
    }

    /** Where the feed's delay is read from: {@link FeedDelay#highestSince}. */
    public interface DelaySource {
        OptionalDouble highestSince(long nanoTime);
    }

    static final long SAMPLE_MILLIS = 250;
    /** A strategy reading candles a second late trades on old prices: past that, market-data is not keeping up. */
    static final long MAX_FEED_DELAY_MILLIS = 1_000;
    /** The consumer's commit interval (5 s) and a second of slack. */
    static final Duration FLOOR_WINDOW = Duration.ofSeconds(6);

    private final UpdateSource driver;
    private final LagSource lag;
    private final DelaySource feedDelay;
    private final Duration floorWindow;
    private final Duration sampleEvery;

    /** {@code feedDelay}: null where the updates do not come through the exchange's feed. */
    public Throughput(UpdateSource driver, LagSource lag, DelaySource feedDelay) {
        this(driver, lag, feedDelay, FLOOR_WINDOW, Duration.ofMillis(SAMPLE_MILLIS));
    }

    Throughput(UpdateSource driver, LagSource lag, DelaySource feedDelay, Duration floorWindow, Duration sampleEvery) {
        this.driver = driver;
        this.lag = lag;
        this.feedDelay = feedDelay;
        this.floorWindow = floorWindow;
        this.sampleEvery = sampleEvery;
    }

    public List<Step> run(List<Integer> rates, Duration stepDuration) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            Step step = step(rate, stepDuration);
            steps.add(step);
            System.out.printf(Locale.ROOT, "  %,d updates/s asked: %,.0f/s answered (%d failed), %,.0f candle records/s, "
                            + "lag %d → %d, feed delay %s ms: %s%n", rate, step.outcome().achievedPerSecond(),
                    step.outcome().failed(), step.candlesPerSecond(), step.lagMid(), step.lagEnd(),
                    millis(step.feedDelay()), step.sustained() ? "sustained" : "NOT sustained");
            if (!step.sustained()) {
                break; // the next step would only be worse; let the backlog drain instead
            }
        }
        return steps;
    }

    private Step step(int rate, Duration stepDuration) throws InterruptedException {
        List<ConsumerLag.Reading> readings = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lag-sampler");
            t.setDaemon(true);
            return t;
        });
        try {
            ConsumerLag.Reading before = lag.read();
            sampler.scheduleWithFixedDelay(() -> {
                try {
                    readings.add(lag.read());
                } catch (RuntimeException e) {
                    // a reading the broker did not answer in time: the floor is taken from the others
                }
            }, 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
            Duration half = stepDuration.dividedBy(2);
            UpdateSource.Outcome first = driver.drive(rate, half);
            ConsumerLag.Reading midNow = lag.read();
            ConsumerLag.Reading mid = lowest(readings, midNow, floorWindow, before.nanoTime());
            UpdateSource.Outcome second = driver.drive(rate, stepDuration.minus(half));
            ConsumerLag.Reading last = lag.read();
            ConsumerLag.Reading end = lowest(readings, last, floorWindow, midNow.nanoTime());
            UpdateSource.Outcome all = new UpdateSource.Outcome(first.sent() + second.sent(), first.ok() + second.ok(),
                    first.failed() + second.failed(), first.seconds() + second.seconds());
            double seconds = (last.nanoTime() - before.nanoTime()) / 1e9;
            double produced = (last.endOffset() - before.endOffset()) / seconds;
            long producedSecondHalf = end.endOffset() - mid.endOffset();
            boolean keptRate = all.achievedPerSecond() >= 0.9 * rate;
            boolean bounded = end.lag() - mid.lag() <= 0.05 * Math.max(1, producedSecondHalf);
            OptionalDouble delay = feedDelay == null ? OptionalDouble.empty() : feedDelay.highestSince(midNow.nanoTime());
            boolean fedInTime = delay.isEmpty() || delay.getAsDouble() <= MAX_FEED_DELAY_MILLIS;
            return new Step(rate, all, produced, mid.lag(), end.lag(), delay, keptRate && bounded && fedInTime);
        } finally {
            sampler.shutdownNow();
        }
    }

    /**
     * Adds {@code now} to the readings and returns the one with the least lag among those of the last {@code window}
     * (none before {@code notBefore}, the end of the previous half: each half is judged on its own readings).
     */
    static ConsumerLag.Reading lowest(List<ConsumerLag.Reading> readings, ConsumerLag.Reading now, Duration window,
            long notBefore) {
        readings.add(now);
        long from = Math.max(notBefore + 1, now.nanoTime() - window.toNanos());
        return readings.stream().filter(r -> r.nanoTime() >= from && r.nanoTime() <= now.nanoTime())
                .min(Comparator.comparingLong(ConsumerLag.Reading::lag)).orElse(now);
    }

    private static String millis(OptionalDouble delay) {
        return delay.isPresent() ? String.format(Locale.ROOT, "%,.0f", delay.getAsDouble()) : "–";
    }

    public static String table(List<Step> steps, int symbols, Duration stepDuration, String asked) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d symbols, steps of %d s; lag of the "
                + "strategy-service group on market.candles.v1 (committed offsets; the lowest reading over the last 6 s of each "
                + "half of the step: the group commits every 5 s); feed delay: how far market-data was behind the exchange's "
                + "feed, the highest of the step's second half (a candle's start on the exchange to its first record on Kafka; "
                + "at most %,d ms to be sustained; – where the updates do not come from the exchange).%n%n", symbols,
                stepDuration.toSeconds(), MAX_FEED_DELAY_MILLIS));
        out.append("| " + asked + " | acknowledged/s | failed | candle records/s on Kafka "
                + "| lag mid-step | lag at end | feed delay ms | sustained |\n|---:|---:|---:|---:|---:|---:|---:|---|\n");
        double best = 0;
        for (Step s : steps) {
            out.append(String.format(Locale.ROOT, "| %,.0f | %,.0f | %d | %,.0f | %,d | %,d | %s | %s |%n",
                    s.targetPerSecond(), s.outcome().achievedPerSecond(), s.outcome().failed(), s.candlesPerSecond(),
                    s.lagMid(), s.lagEnd(), millis(s.feedDelay()), s.sustained() ? "yes" : "**no**"));
            if (s.sustained()) {
                best = Math.max(best, s.outcome().achievedPerSecond());
            }
        }
        out.append(String.format(Locale.ROOT, "%nHighest sustained: **%,.0f/s** (target ≥ 20,000 price updates/s: %s).%n",
                best, best >= 20_000 ? "met" : "**missed**"));
        return out.toString();
    }
}
