package io.tradingbot.benchmarks.stack;

import io.tradingbot.events.Candle;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trading path's topics as they were written from this tap's creation on, read once the run is over, with each
 * record's Kafka timestamp (the producer's clock: every service runs on this machine) by the ids that chain them: a
 * closed candle (symbol, mts) → the signal on it (id) → the verdict on the signal (signal id) → the order events of the
 * verdict (verdict id). Read afterwards, not live: a consumer of four topics woken at every close took 14–22 ms of a
 * core there, in the broker's JVM, just when the stack it measures wants both cores.
 */
public final class EventTap implements AutoCloseable {
    /** A record's value and its Kafka timestamp (the producer's clock at send). */
    public record Stamped<T>(T value, long timestamp) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final EventDeserializer<Object> deserializer = new EventDeserializer<>();

    /** symbol + "|" + mts of a closed 1m candle → its first record. */
    public final Map<String, Stamped<Candle>> closedCandles = new HashMap<>();
    public final Map<String, Stamped<Signal>> signals = new HashMap<>();
    /** signal id → verdict. */
    public final Map<String, Stamped<RiskVerdict>> verdicts = new HashMap<>();
    /** verdict id → every order event of it, in offset order. */
    public final Map<String, List<Stamped<OrderEvent>>> orders = new HashMap<>();

    /** Marks where the topics end now: {@link #collect()} reads from here. */
    public EventTap(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : List.of(Topics.MARKET_CANDLES, Topics.STRATEGY_SIGNALS, Topics.RISK_VERDICTS,
                Topics.ORDERS_EVENTS)) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy: fix the positions now, before anything is driven
    }

    /** Reads everything written since this tap was made, up to the topics' ends now, into the maps. */
    public void collect() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics were not read to their ends within 60 s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                take(r);
            }
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        Object value;
        try {
            value = deserializer.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            return; // not ours to judge: the services dead-letter it
        }
        switch (value) {
            case Candle c when c.closed() && c.timeframe().equals("1m") ->
                    closedCandles.putIfAbsent(c.symbol() + "|" + c.mts(), new Stamped<>(c, r.timestamp()));
            case Signal s -> signals.putIfAbsent(s.id(), new Stamped<>(s, r.timestamp()));
            case RiskVerdict v -> verdicts.putIfAbsent(v.signalId(), new Stamped<>(v, r.timestamp()));
            case OrderEvent o when o.verdictId() != null -> orders.computeIfAbsent(o.verdictId(),
                    k -> new ArrayList<>()).add(new Stamped<>(o, r.timestamp()));
            case null, default -> {
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
