package io.tradingbot.benchmarks.stack;

import io.tradingbot.events.Candle;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** market-data's delay behind the feed, read from a real broker: a candle's start to its first record on Kafka. */
class FeedDelayTest {
    /** The exchange's clock runs this far behind the wall clock, at the same speed (the records' times are recent). */
    private static final long SHIFT = System.currentTimeMillis() - 600_000;
    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaBroker.builder().start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        broker.close();
    }

    @Test
    void eachCandleIsTimedOnceFromItsStartToItsFirstRecord() throws Exception {
        send("tA01USD", "{}".getBytes(StandardCharsets.UTF_8), SHIFT); // the topic exists before the reader looks for it
        try (FeedDelay feed = new FeedDelay(broker.bootstrapServers(), sim -> sim + SHIFT)) {
            long start = System.nanoTime();
            send("tA01USD", "not a candle".getBytes(StandardCharsets.UTF_8), SHIFT); // passed over
            sendCandle(60_000, 500); // a series' first candle: it may have started before the reader, not timed
            sendCandle(120_000, 40);
            sendCandle(120_000, 900); // the same candle updated: only its first record counts
            sendCandle(180_000, 1_500);
            sendCandle(120_000, 70_000); // an older candle again (a replay): not a new one

            long deadline = System.nanoTime() + 30_000_000_000L;
            while (feed.highestSince(start).isEmpty() || feed.highestSince(start).getAsDouble() < 1_500) {
                assertThat(System.nanoTime()).as("the candles were read within 30 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(500); // the last record, had it counted, would be read by now
            assertThat(feed.highestSince(start)).isEqualTo(OptionalDouble.of(1_500));
            assertThat(feed.highestSince(System.nanoTime())).isEmpty();
        }
    }

    /** A candle of tA01USD starting at {@code mts} (exchange clock), sent {@code lateMillis} after that start. */
    private static void sendCandle(long mts, long lateMillis) throws Exception {
        BigDecimal price = new BigDecimal("100");
        Candle candle = new Candle("tA01USD", "1m", mts, price, price, price, price, BigDecimal.ONE, false);
        send("tA01USD", new EventSerializer<Candle>().serialize(Topics.MARKET_CANDLES, candle), mts + SHIFT + lateMillis);
    }

    private static void send(String key, byte[] value, long timestamp) throws Exception {
        producer.send(new ProducerRecord<>(Topics.MARKET_CANDLES, null, timestamp, key, value)).get();
    }
}
