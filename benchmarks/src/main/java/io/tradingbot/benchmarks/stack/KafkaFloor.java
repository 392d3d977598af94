package io.tradingbot.benchmarks.stack;

import io.tradingbot.benchmarks.report.Latency;
import io.tradingbot.benchmarks.report.Machine;
import io.tradingbot.benchmarks.report.Report;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.localstack.LocalStackOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor under each Kafka hop of tick to order, without the stack: one record at a time from a producer sending as the
 * services send signals, verdicts and orders ({@code linger.ms=0}, {@code acks=all}) to a consumer polling for it, on a
 * broker set up as the stack's, in one JVM; and a thread hand-off (an executor) for scale. Records come a gap apart, as
 * a quiet market's candle closes do: first from fresh JVM code (cold, as a service's signal path is after its start), then
 * again after records sent one at a time have warmed producer, broker and consumer (warm).
 * <p>
 * {@code mvn -o -Pbenchmarks -pl benchmarks exec:java -Dbenchmark.main=io.tradingbot.benchmarks.stack.KafkaFloor
 * -Dexec.args="--label floor"}
 */
public final class KafkaFloor {
    private static final String USAGE = """
            options (defaults in brackets):
              --gaps LIST     milliseconds between records, each a series [20,2]
              --records N     records per series [300]
              --warmup N      records sent one at a time between the cold and the warm series [20000]
              --label NAME    the docs section is kafka-floor-NAME [run]
              --out FILE      the page to write [docs/benchmarks.md under the repository root]
            """;

    private KafkaFloor() {
    }

    /** One series: send to broker acknowledgement, and send to the consumer's poll returning the record. */
    public record Series(Latency acknowledged, Latency delivered) {
    }

    /**
     * Sends {@code records} records to {@code topic} (one partition), each {@code gapMillis} after the previous one was
     * acknowledged, and times each until the broker acknowledges it and until a consumer of the topic has it.
     */
    public static Series measure(String bootstrapServers, String topic, int records, long gapMillis) throws Exception {
        Latency acknowledged = new Latency();
        Latency delivered = new Latency();
        try (KafkaProducer<String, Long> producer = producer(bootstrapServers);
             KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ConsumerConfig.GROUP_ID_CONFIG, "kafka-floor-" + topic,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new LongDeserializer())) {
            // The topic exists before the consumer joins; it reads from the start, where only this marker is.
            producer.send(new ProducerRecord<>(topic, "k", -1L)).get();
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(50));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the consumer was not assigned " + topic + " within 30 s");
                }
            }
            long[] receivedAt = new long[records];
            long[] sentAt = new long[records];
            AtomicBoolean done = new AtomicBoolean();
            List<Throwable> failures = new ArrayList<>();
            Thread polling = Thread.ofPlatform().name("kafka-floor-consumer").start(() -> {
                try {
                    int seen = 0;
                    while (seen < records && !done.get()) {
                        for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.nanoTime();
                            if (r.value() >= 0 && r.value() < records) {
                                receivedAt[r.value().intValue()] = now;
                                seen++;
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            for (int i = 0; i < records; i++) {
                Thread.sleep(gapMillis);
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", (long) i)).get();
                acknowledged.recordMicros((System.nanoTime() - sentAt[i]) / 1_000);
            }
            polling.join(Duration.ofSeconds(30));
            done.set(true);
            polling.join();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("the consumer failed", failures.getFirst());
            }
            int missing = 0;
            for (int i = 0; i < records; i++) {
                if (receivedAt[i] == 0) {
                    missing++;
                } else {
                    delivered.recordMicros((receivedAt[i] - sentAt[i]) / 1_000);
                }
            }
            if (missing > 0) {
                throw new IllegalStateException(missing + " of " + records + " records never reached the consumer");
            }
        }
        return new Series(acknowledged, delivered);
    }

    /** From submitting a task to an idle single-thread executor to the task running, {@code gapMillis} apart. */
    public static Latency handOff(int tasks, long gapMillis) throws Exception {
        Latency handOff = new Latency();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < tasks; i++) {
                Thread.sleep(gapMillis);
                long submitted = System.nanoTime();
                handOff.recordMicros(executor.submit(() -> (System.nanoTime() - submitted) / 1_000).get());
            }
        } finally {
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        return handOff;
    }

    /**
     * Sends {@code records} records one at a time through the measured path, each once the previous one is acknowledged.
     * Records sent back to back would not do: the producer batches them into a few requests, and the broker's and the
     * consumer's per-request code is left uncompiled (records 20 ms apart then took 3.3 ms to reach the consumer, not 1.4).
     */
    static void warmUp(String bootstrapServers, String topic, int records) throws Exception {
        measure(bootstrapServers, topic, records, 0);
    }

    private static KafkaProducer<String, Long> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new LongSerializer());
    }

    public static void main(String[] args) throws Exception {
        Optional<Map<String, String>> parsed = CommandLine.parse(args, USAGE);
        if (parsed.isEmpty()) {
            return;
        }
        Map<String, String> opts = parsed.get();
        long[] gaps = Arrays.stream(opts.getOrDefault("gaps", "20,2").split(",")).mapToLong(Long::parseLong).toArray();
        int records = Integer.parseInt(opts.getOrDefault("records", "300"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "20000"));
        String command = "mvn -o -Pbenchmarks -pl benchmarks exec:java -Dbenchmark.main=" + KafkaFloor.class.getName()
                + (args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\"");
        StringBuilder report = new StringBuilder("### Kafka floor: " + opts.getOrDefault("label", "run") + "\n\n")
                .append(Machine.describe(command)).append("\n\n")
                .append("One record at a time, producer → broker → consumer in one JVM with the broker set up as the stack's "
                        + "(linger.ms=0, acks=all, one partition); ").append(records)
                .append(" records per series, each sent a gap after the previous one was acknowledged. Cold: the JVM's "
                        + "first records; warm: after ").append(warmup).append(" records one at a time.\n\n")
                .append(Latency.header("series")).append("\n");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topics(List.of()).start()) {
            String servers = broker.bootstrapServers();
            for (String phase : List.of("cold", "warm")) {
                if (phase.equals("warm")) {
                    warmUp(servers, "kafka-floor-warmup", warmup);
                }
                for (long gap : gaps) {
                    Series s = measure(servers, "kafka-floor-" + phase + "-" + gap, records, gap);
                    report.append(s.acknowledged().row(phase + ", " + gap + " ms apart: send → acknowledged")).append("\n")
                            .append(s.delivered().row(phase + ", " + gap + " ms apart: send → consumer")).append("\n");
                }
            }
            for (long gap : gaps) {
                report.append(handOff(records, gap).row("thread hand-off (idle executor), " + gap + " ms apart"))
                        .append("\n");
            }
        }
        System.out.println(report);
        Path page = opts.containsKey("out") ? Paths.get(opts.get("out"))
                : LocalStackOptions.forTests().resolvedRepoRoot().resolve("docs/benchmarks.md");
        Report.writeSection(page, "kafka-floor-" + opts.getOrDefault("label", "run"), report.toString());
        System.out.println("written to " + page.toAbsolutePath());
    }
}
