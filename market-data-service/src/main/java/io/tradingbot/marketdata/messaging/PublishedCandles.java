package io.tradingbot.marketdata.messaging;

import io.tradingbot.events.Candle;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an earlier run of this service last published closed, read from the tail of {@code market.candles.v1}: a
 * restarted instance continues from there instead of leaving the candles that closed while it was down off the topic.
 */
@ApplicationScoped
public class PublishedCandles {
    private static final Logger LOG = Logger.getLogger(PublishedCandles.class);
    /** Records read back per partition: open-candle updates are many, closed candles few. */
    private static final long TAIL = 50_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;

    public PublishedCandles(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** mts of the newest closed candle per {@code symbol|timeframe}; empty when the topic is empty or unreadable. */
    public Map<String, Long> lastClosed() {
        Map<String, Long> last = new HashMap<>();
        EventDeserializer<Candle> candles = new EventDeserializer<>(Candle.class);
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "market-data-resume",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(Topics.MARKET_CANDLES, TIMEOUT)) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - TAIL));
            }
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("Read only part of %s's tail within %s; resuming from what was read", Topics.MARKET_CANDLES,
                            TIMEOUT);
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Candle c = candles.deserialize(record.topic(), record.value());
                        if (c != null && c.closed()) {
                            last.merge(c.symbol() + "|" + c.timeframe(), c.mts(), Math::max);
                        }
                    } catch (KafkaException e) {
                        // an unreadable record is no one's last candle
                    }
                }
            }
        } catch (KafkaException e) {
            LOG.warnf("Could not read what was published before (%s): publishing starts at the current candle",
                    e.getMessage());
        }
        return last;
    }
}
