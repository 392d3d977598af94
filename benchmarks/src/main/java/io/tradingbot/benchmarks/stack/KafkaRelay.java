package io.tradingbot.benchmarks.stack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One hop of {@link KafkaBurstFloor}, in a JVM of its own as each service is: every record of one topic, as it is, to
 * the next, with nothing else done to it. The plain Kafka clients set as the services' channels are (a 100 ms poll,
 * offsets committed by the relay, {@code linger.ms=0}, {@code acks=all}); each record leaves with two headers more, the
 * (machine-wide, monotonic) nanoTime at which its poll returned and at which it was sent, so the driver can tell the
 * time in this process from the time between processes.
 * <p>
 * {@code java -cp ... KafkaRelay <bootstrap servers> <from topic> <to topic> <name>}; stops when its stdin closes.
 */
public final class KafkaRelay {
    /** Offsets are committed at most this often, as the services' throttled commits do: not a request per poll. */
    private static final long COMMIT_EVERY_NANOS = 1_000_000_000L;

    private KafkaRelay() {
    }

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        String from = args[1];
        String to = args[2];
        String name = args[3];
        Thread main = Thread.currentThread();
        // The driver closes our stdin when it is done (or dies): stop then, whatever happened to it.
        Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read but the end
                }
            } catch (Exception e) {
                // treated as the end
            }
            main.interrupt();
        });
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                     ConsumerConfig.GROUP_ID_CONFIG, "relay-" + name,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                     ProducerConfig.LINGER_MS_CONFIG, 0,
                     ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(from));
            System.out.println("relay " + name + ": " + from + " -> " + to);
            long lastCommit = System.nanoTime();
            boolean uncommitted = false;
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    break;
                }
                long polled = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(to, null, record.key(), record.value(),
                            record.headers());
                    Headers headers = out.headers();
                    headers.add(name + "-in", longBytes(polled));
                    headers.add(name + "-out", longBytes(System.nanoTime()));
                    producer.send(out);
                    uncommitted = true;
                }
                if (uncommitted && polled - lastCommit > COMMIT_EVERY_NANOS) {
                    consumer.commitAsync();
                    lastCommit = polled;
                    uncommitted = false;
                }
            }
        }
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long longOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
