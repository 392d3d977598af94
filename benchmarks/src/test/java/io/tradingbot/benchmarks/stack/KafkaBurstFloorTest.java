package io.tradingbot.benchmarks.stack;

import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The burst floor against a real broker and real relay JVMs: every measured record through the chain, its time split. */
class KafkaBurstFloorTest {

    @Test
    void everyMeasuredRecordComesThroughTheChainWithEachHopTimed() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topics(List.of()).start()) {
            KafkaBurstFloor.Result result = KafkaBurstFloor.run(broker, 2, 3, 7, 1, 2, 1000, 64,
                    List.of("-XX:TieredStopAtLevel=1", "-Xmx64m"));
            assertThat(result.expected()).isEqualTo(14);
            assertThat(result.arrived()).isEqualTo(14);
            assertThat(result.endToEnd().count()).isEqualTo(14);
            assertThat(result.lastOfBurst().count()).isEqualTo(2);
            assertThat(result.transit()).hasSize(3).allSatisfy(hop -> assertThat(hop.count()).isEqualTo(14));
            assertThat(result.inRelay()).hasSize(2).allSatisfy(hop -> assertThat(hop.count()).isEqualTo(14));
            // each part of a record's way is a share of it: none longer than the longest whole way
            assertThat(Stream.concat(result.transit().stream(), result.inRelay().stream()))
                    .allSatisfy(part -> assertThat(part.maxMillis()).isLessThanOrEqualTo(result.endToEnd().maxMillis()));
        }
    }

    @Test
    void aRecordsTimeIsSplitIntoTheRelaysAndTheGapsBetween() {
        // sent at 0; relay 1 polls it at 5 ms and sends at 6; relay 2 polls at 10, sends at 12; the sink has it at 20
        KafkaBurstFloor.Arrival a = new KafkaBurstFloor.Arrival(1, 20_000_000L, 0L,
                new long[] {5_000_000L, 10_000_000L}, new long[] {6_000_000L, 12_000_000L});
        KafkaBurstFloor.Result r = KafkaBurstFloor.measure(List.of(a), new long[] {-100_000_000L, 0L}, 1, 2, 1,
                new CloseWindows.Windows[0]);
        assertThat(r.arrived()).isEqualTo(1);
        assertThat(r.endToEnd().percentileMillis(50)).isCloseTo(20.0, within(0.05));
        double[] transit = {5.0, 4.0, 8.0};
        for (int i = 0; i < transit.length; i++) {
            assertThat(r.transit().get(i).percentileMillis(50)).isCloseTo(transit[i], within(0.05));
        }
        assertThat(r.inRelay().get(0).percentileMillis(50)).isCloseTo(1.0, within(0.05));
        assertThat(r.inRelay().get(1).percentileMillis(50)).isCloseTo(2.0, within(0.05));
    }
}
