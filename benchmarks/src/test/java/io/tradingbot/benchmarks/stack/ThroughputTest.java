package io.tradingbot.benchmarks.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throughput verdict against a consumer that commits periodically: a single reading of its committed lag is the
 * backlog plus up to a commit interval of records, so each half of a step is judged on the lowest reading of its last
 * commit interval. A fake source and consumer on a fast clock (commits every 0.5 s) stand in for the stack.
 */
class ThroughputTest {
    private static final double RATE = 10_000;
    private static final Duration COMMIT = Duration.ofMillis(500);

    @Test
    void aConsumerThatKeepsUpIsSustainedWhateverTheMomentOfItsLastCommit() throws Exception {
        Throughput.Step step = run(0).getFirst();

        assertThat(step.sustained()).isTrue();
        // between commits the committed lag climbs to 5,000 records; right after one it is what is really left
        assertThat(step.lagMid()).isLessThan(1_000);
        assertThat(step.lagEnd()).isLessThan(1_000);
    }

    @Test
    void aBacklogGrowingByATenthOfWhatIsProducedIsNotSustained() throws Exception {
        Throughput.Step step = run(0.1).getFirst();

        assertThat(step.sustained()).isFalse();
        assertThat(step.lagEnd() - step.lagMid()).isGreaterThan(1_000);
    }

    @Test
    void aMarketDataBehindTheFeedIsNotSustainedThoughTheLagOnKafkaIsBounded() throws Exception {
        Throughput.Step behind = run(0, since -> OptionalDouble.of(1_500)).getFirst();
        Throughput.Step inTime = run(0, since -> OptionalDouble.of(40)).getFirst();

        assertThat(behind.sustained()).isFalse();
        assertThat(behind.feedDelay()).isEqualTo(OptionalDouble.of(1_500));
        assertThat(inTime.sustained()).isTrue();
        assertThat(Throughput.table(List.of(behind), 10, Duration.ofSeconds(3), "asked"))
                .contains("| 1,500 | **no** |").contains("Highest sustained: **0/s**");
    }

    @Test
    void theFloorIsTheLeastLagOfTheWindowAndOfThisHalfOnly() {
        List<ConsumerLag.Reading> readings = new ArrayList<>(List.of(
                new ConsumerLag.Reading(100, 99, 1_000), // the previous half: not this one's
                new ConsumerLag.Reading(200, 150, 3_000),
                new ConsumerLag.Reading(300, 290, 4_000), // right after a commit
                new ConsumerLag.Reading(400, 340, 5_000)));

        ConsumerLag.Reading floor = Throughput.lowest(readings, new ConsumerLag.Reading(500, 420, 6_000),
                Duration.ofNanos(4_000), 1_500);

        assertThat(floor.lag()).isEqualTo(10);
        assertThat(Throughput.lowest(new ArrayList<>(readings), new ConsumerLag.Reading(500, 420, 6_000),
                Duration.ofNanos(1_500), 1_500).lag()).isEqualTo(60);
    }

    /** One 3-second step; the consumer falls behind by {@code backlogShare} of what is produced. */
    private static List<Throughput.Step> run(double backlogShare) throws InterruptedException {
        return run(backlogShare, null);
    }

    private static List<Throughput.Step> run(double backlogShare, Throughput.DelaySource feedDelay)
            throws InterruptedException {
        long start = System.nanoTime();
        Throughput.LagSource lag = () -> {
            long now = System.nanoTime();
            double seconds = (now - start) / 1e9;
            long produced = (long) (RATE * seconds);
            long consumed = (long) (produced * (1 - backlogShare));
            // commits happen every COMMIT: the committed offset is what was consumed at the last one
            double lastCommit = Math.floor(seconds / (COMMIT.toNanos() / 1e9)) * (COMMIT.toNanos() / 1e9);
            long committed = Math.min(consumed, (long) (RATE * lastCommit * (1 - backlogShare)));
            return new ConsumerLag.Reading(produced, committed, now);
        };
        UpdateSource source = (perSecond, duration) -> {
            Thread.sleep(duration.toMillis());
            long sent = (long) (perSecond * duration.toMillis() / 1_000);
            return new UpdateSource.Outcome(sent, sent, 0, duration.toMillis() / 1_000.0);
        };
        return new Throughput(source, lag, feedDelay, COMMIT.plusMillis(100), Duration.ofMillis(20)).run(List.of((int) RATE),
                Duration.ofSeconds(3));
    }
}
