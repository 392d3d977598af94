package io.tradingbot.benchmarks.stack;

import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The floor probe against a real broker: every record timed to its acknowledgement and to the consumer, none lost. */
class KafkaFloorTest {

    @Test
    void everyRecordIsTimedToTheBrokerAndToTheConsumer() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topics(List.of()).start()) {
            KafkaFloor.Series series = KafkaFloor.measure(broker.bootstrapServers(), "floor-test", 40, 2);
            assertThat(series.acknowledged().count()).isEqualTo(40);
            assertThat(series.delivered().count()).isEqualTo(40);
        }
    }

    @Test
    void aHandOffIsTimedPerTask() throws Exception {
        assertThat(KafkaFloor.handOff(25, 1).count()).isEqualTo(25);
    }
}
