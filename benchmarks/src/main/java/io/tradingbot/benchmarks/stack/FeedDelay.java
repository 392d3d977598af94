package io.tradingbot.benchmarks.stack;

import io.tradingbot.events.Candle;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongToDoubleFunction;

/**
 * How far behind the exchange's feed market-data is: for each candle (symbol, timeframe, start), the time from its start
 * on the simulator's clock to its first record on {@code market.candles.v1} (the record's timestamp: market-data's clock
 * when it sent it). Under the throughput ladder every symbol trades many times a second, so a candle's first update comes
 * right at its start; a delay that grows is market-data's backlog of the exchange's messages. The strategy group's lag
 * further down cannot tell that from market-data keeping up: it sends only the latest state of an open candle when its
 * producer is busy, so fewer candle records on Kafka may be either (on C1 only it published 9,364-16,474 a second at
 * 40,000 updates/s, against 22,553-25,903 on C2, and was 15-28 ms behind the feed, against 3 ms; docs/benchmarks.md,
 * 2026-11-28).
 * <p>
 * Read live on a thread of its own, from the topic's end at creation: the driver's JVM (the broker's too) used 32-37 % of
 * a core over the throughput scenario with it, 29-33 % without.
 */
public final class FeedDelay implements AutoCloseable {
    /** A candle's first record: when it was read here, and how long after the candle's start it was sent. */
    record Arrival(long nanoTime, double delayMillis) {
    }

    private static final EventDeserializer<Candle> CANDLES = new EventDeserializer<>(Candle.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LongToDoubleFunction wallAtSim;
    /** symbol|timeframe → the start of its newest candle seen: only the reader thread touches it. */
    private final Map<String, Long> newest = new HashMap<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Thread reader;

    /** {@code wallAtSim}: the wall-clock time (epoch ms) at which the simulator's clock showed a given time. */
    public FeedDelay(String bootstrapServers, LongToDoubleFunction wallAtSim) {
        this.wallAtSim = wallAtSim;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MARKET_CANDLES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // lazy otherwise: fix the positions before anything is driven
        reader = new Thread(this::read, "feed-delay");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    take(r.value(), r.timestamp(), System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    void take(byte[] value, long timestamp, long nanoTime) {
        Candle candle;
        try {
            candle = CANDLES.deserialize(Topics.MARKET_CANDLES, value);
        } catch (RuntimeException e) {
            return; // not ours to judge: strategy-service dead-letters it
        }
        String series = candle.symbol() + "|" + candle.timeframe();
        Long before = newest.get(series);
        if (before != null && candle.mts() > before) {
            // the first candle of a series is not timed: it may have started long before this reader did
            arrivals.add(new Arrival(nanoTime, timestamp - wallAtSim.applyAsDouble(candle.mts())));
        }
        if (before == null || candle.mts() > before) {
            newest.put(series, candle.mts());
        }
    }

    /** The longest delay of the candles first seen after {@code nanoTime} ({@link System#nanoTime}); empty if none. */
    public OptionalDouble highestSince(long nanoTime) {
        return arrivals.stream().filter(a -> a.nanoTime() > nanoTime).mapToDouble(Arrival::delayMillis).max();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join(5_000);
        consumer.close();
    }
}
