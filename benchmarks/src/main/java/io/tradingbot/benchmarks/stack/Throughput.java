package io.tradingbot.benchmarks.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The highest sustained rate of price updates through market-data → Kafka → strategy: steps of rising update rates,
 * each held for a while, watching the strategy-service group's lag on market.candles.v1. A step is sustained when at
 * least 90 % of the updates asked for were sent and acknowledged, and the lag did not grow over the step's second half by
 * more than 5 % of what was produced in it (a standing backlog from earlier, or the consumer's commit interval, is not
 * growth).
 */
public final class Throughput {
    public record Step(double targetPerSecond, UpdateSource.Outcome outcome, double candlesPerSecond, long lagMid,
            long lagEnd, boolean sustained) {
    }

    private final UpdateSource driver;
    private final ConsumerLag lag;

    public Throughput(UpdateSource driver, ConsumerLag lag) {
        this.driver = driver;
        this.lag = lag;
    }

    public List<Step> run(List<Integer> rates, Duration stepDuration) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            ConsumerLag.Reading before = lag.read();
            Duration half = stepDuration.dividedBy(2);
            UpdateSource.Outcome first = driver.drive(rate, half);
            ConsumerLag.Reading mid = lag.read();
            UpdateSource.Outcome second = driver.drive(rate, stepDuration.minus(half));
            ConsumerLag.Reading end = lag.read();
            UpdateSource.Outcome all = new UpdateSource.Outcome(first.sent() + second.sent(), first.ok() + second.ok(),
                    first.failed() + second.failed(), first.seconds() + second.seconds());
            double seconds = (end.nanoTime() - before.nanoTime()) / 1e9;
            double produced = (end.endOffset() - before.endOffset()) / seconds;
            long producedSecondHalf = end.endOffset() - mid.endOffset();
            boolean keptRate = all.achievedPerSecond() >= 0.9 * rate;
            boolean bounded = end.lag() - mid.lag() <= 0.05 * Math.max(1, producedSecondHalf);
            Step step = new Step(rate, all, produced, mid.lag(), end.lag(), keptRate && bounded);
            steps.add(step);
            System.out.printf(Locale.ROOT, "  %,d updates/s asked: %,.0f/s answered (%d failed), %,.0f candle records/s, "
                            + "lag %d → %d: %s%n", rate, all.achievedPerSecond(), all.failed(), produced, mid.lag(),
                    end.lag(), step.sustained() ? "sustained" : "NOT sustained");
            if (!step.sustained()) {
                break; // the next step would only be worse; let the backlog drain instead
            }
        }
        return steps;
    }

    public static String table(List<Step> steps, int symbols, Duration stepDuration, String asked) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d symbols, steps of %d s; lag of the "
                + "strategy-service group on market.candles.v1 (committed offsets).%n%n", symbols,
                stepDuration.toSeconds()));
        out.append("| " + asked + " | acknowledged/s | failed | candle records/s on Kafka "
                + "| lag mid-step | lag at end | sustained |\n|---:|---:|---:|---:|---:|---:|---|\n");
        double best = 0;
        for (Step s : steps) {
            out.append(String.format(Locale.ROOT, "| %,.0f | %,.0f | %d | %,.0f | %,d | %,d | %s |%n", s.targetPerSecond(),
                    s.outcome().achievedPerSecond(), s.outcome().failed(), s.candlesPerSecond(), s.lagMid(),
                    s.lagEnd(), s.sustained() ? "yes" : "**no**"));
            if (s.sustained()) {
                best = Math.max(best, s.outcome().achievedPerSecond());
            }
        }
        out.append(String.format(Locale.ROOT, "%nHighest sustained: **%,.0f/s** (target ≥ 20,000 price updates/s: %s).%n",
                best, best >= 20_000 ? "met" : "**missed**"));
        return out.toString();
    }
}
