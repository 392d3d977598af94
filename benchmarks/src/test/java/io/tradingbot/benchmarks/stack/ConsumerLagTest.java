package io.tradingbot.benchmarks.stack;

import io.tradingbot.events.Topics;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag reading against a real broker: what a group has committed versus what was written. */
class ConsumerLagTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void lagIsWhatTheGroupHasNotCommittedAcrossEveryPartition() throws Exception {
        produce(10);
        try (ConsumerLag lag = new ConsumerLag(broker.bootstrapServers(), "strategy-service", Topics.MARKET_CANDLES)) {
            // a group that has committed nothing is behind by everything
            assertThat(lag.read().lag()).isEqualTo(10);
            assertThat(lag.read().endOffset()).isEqualTo(10);

            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "strategy-service",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.MARKET_CANDLES));
                int read = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read < 10 && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
                assertThat(read).isEqualTo(10);
                consumer.commitSync();
            }
            assertThat(lag.read().lag()).isZero();

            produce(7);
            ConsumerLag.Reading reading = lag.read();
            assertThat(reading.lag()).isEqualTo(7);
            assertThat(reading.endOffset()).isEqualTo(17);
            assertThat(reading.committed()).isEqualTo(10);
        }
    }

    private static void produce(int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(Topics.MARKET_CANDLES, "tA0" + (i % 5) + "USD", "{}")).get();
            }
        }
    }
}
