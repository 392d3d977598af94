package io.tradingbot.order.support;

import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads and writes the real broker's topics the way neighbouring services do. */
public final class KafkaTopics {
    private final String bootstrap;

    public KafkaTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public <T> void send(String topic, String key, T value) throws Exception {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new EventSerializer<>())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Several records through one producer, one flush: they reach the broker within milliseconds of each other. */
    public <T> void sendAll(String topic, Map<String, T> byKey) throws Exception {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new EventSerializer<>())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            byKey.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(topic, key, value))));
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
    }

    /** Several records (several per key allowed) through one producer, in order, one flush. */
    public <T> void sendEach(String topic, java.util.function.Function<T, String> key, List<T> values) throws Exception {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new EventSerializer<>())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            values.forEach(value -> sent.add(producer.send(new ProducerRecord<>(topic, key.apply(value), value))));
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
    }

    /** Every record of the topic from the beginning, read until {@code until} holds for them (or the time is up). */
    public <T> List<T> read(String topic, Class<T> type, Predicate<List<T>> until, Duration atMost) {
        EventDeserializer<T> deserializer = new EventDeserializer<>(type);
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "order-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    out.add(deserializer.deserialize(topic, record.value()));
                }
                if (until.test(out)) {
                    break;
                }
            }
        }
        return out;
    }
}
