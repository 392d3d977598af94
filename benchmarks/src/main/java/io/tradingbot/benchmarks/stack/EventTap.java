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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads the trading path's topics from their end, as they are written, and keeps each record's Kafka timestamp (the
 * producer's clock: every service runs on this machine) by the ids that chain them: a closed candle (symbol, mts) → the
 * signal on it (id) → the verdict on the signal (signal id) → the order events of the verdict (verdict id).
 */
public final class EventTap implements AutoCloseable {
    /** A record's value, its Kafka timestamp (the producer's clock at send), and when this tap's poll returned it. */
    public record Stamped<T>(T value, long timestamp, long seen) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private final EventDeserializer<Object> deserializer = new EventDeserializer<>();

    /** symbol + "|" + mts of a closed 1m candle → its first record. */
    public final Map<String, Stamped<Candle>> closedCandles = new ConcurrentHashMap<>();
    public final Map<String, Stamped<Signal>> signals = new ConcurrentHashMap<>();
    /** signal id → verdict. */
    public final Map<String, Stamped<RiskVerdict>> verdicts = new ConcurrentHashMap<>();
    /** verdict id → every order event of it, in arrival order. */
    public final Map<String, List<Stamped<OrderEvent>>> orders = new ConcurrentHashMap<>();

    public EventTap(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.MARKET_CANDLES, Topics.STRATEGY_SIGNALS, Topics.RISK_VERDICTS,
                Topics.ORDERS_EVENTS)) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy: fix the positions now, before anything is driven
        thread = new Thread(this::run, "event-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            var records = consumer.poll(Duration.ofMillis(100));
            long seen = System.currentTimeMillis();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                Object value;
                try {
                    value = deserializer.deserialize(r.topic(), r.value());
                } catch (RuntimeException e) {
                    continue; // not ours to judge: the services dead-letter it
                }
                switch (value) {
                    case Candle c when c.closed() && c.timeframe().equals("1m") ->
                            closedCandles.putIfAbsent(c.symbol() + "|" + c.mts(), new Stamped<>(c, r.timestamp(), seen));
                    case Signal s -> signals.putIfAbsent(s.id(), new Stamped<>(s, r.timestamp(), seen));
                    case RiskVerdict v -> verdicts.putIfAbsent(v.signalId(), new Stamped<>(v, r.timestamp(), seen));
                    case OrderEvent o when o.verdictId() != null -> orders.computeIfAbsent(o.verdictId(),
                            k -> new CopyOnWriteArrayList<>()).add(new Stamped<>(o, r.timestamp(), seen));
                    case null, default -> {
                    }
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
