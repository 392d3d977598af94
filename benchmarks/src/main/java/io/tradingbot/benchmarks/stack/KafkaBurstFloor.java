package io.tradingbot.benchmarks.stack;

import io.tradingbot.benchmarks.report.Latency;
import io.tradingbot.benchmarks.report.Machine;
import io.tradingbot.benchmarks.report.Report;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.localstack.LocalStackOptions;
import io.tradingbot.localstack.ServiceJvm;
import io.tradingbot.localstack.StackService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor under tick to order at N symbols: what Kafka alone costs when every symbol's candle closes at once. The
 * driver (which runs the broker, set up as the stack's) sends a burst of one record per symbol every few seconds, as
 * market-data sends a close's candles. A chain of {@link KafkaRelay} JVMs, sized as the services are, passes each record
 * on from topic to topic (three partitions each by default, as the symbol-keyed topics have), as strategy and risk pass
 * on a close's records, doing nothing else; the driver's consumer of the last topic, in order-service's place, times
 * each record from its burst's start. The close-window probe reads each process's CPU around every burst, as in tick to
 * order: a service cannot spend less at a close than its relay does here.
 * <p>
 * {@code mvn -o -Pbenchmarks -pl benchmarks exec:java -Dbenchmark.main=io.tradingbot.benchmarks.stack.KafkaBurstFloor
 * -Dexec.args="--label floor"}
 */
public final class KafkaBurstFloor {
    private static final String USAGE = """
            options (defaults in brackets):
              --symbols N        records per burst, one per symbol key [100]
              --relays N         relay JVMs in the chain [2: strategy and risk, the order path's three topics]
              --bursts N         measured bursts [24]
              --warmup-bursts N  bursts sent first and not measured [12]
              --every MS         milliseconds between bursts [6000: a 1m candle at the simulator's 10x clock]
              --payload BYTES    bytes per record value [400: a candle's or a signal's JSON]
              --partitions N     partitions per topic [3: as the stack's symbol-keyed topics]
              --relay-jvm ARGS   the relays' JVM options, comma-separated [the services' sizing, C1 only]
              --label NAME       the docs section is burst-floor-NAME [run]
              --out FILE         the page to write [docs/benchmarks.md under the repository root]
            """;
    /** As the launcher sizes risk-service, without an AOT cache (a relay has no packaged application to cache). */
    static final List<String> SERVICE_JVM = ServiceJvm.SIZED.options(StackService.RISK, Path.of("."));
    private static final long MINUTE = 60_000;

    private KafkaBurstFloor() {
    }

    /** One record as the sink saw it: its burst, when it arrived, and the chain's stamps (nanoTime, machine-wide). */
    record Arrival(int burst, long arrivedNanos, long sentNanos, long[] inNanos, long[] outNanos) {
    }

    /** The measured bursts' records: from the burst's start to the sink, and each relay's part and each gap between. */
    record Result(Latency endToEnd, List<Latency> transit, List<Latency> inRelay, Latency lastOfBurst, int expected,
            int arrived, CloseWindows.Windows[] windows) {
    }

    static Result measure(List<Arrival> arrivals, long[] burstStart, int warmup, int relays, int symbols,
            CloseWindows.Windows[] windows) {
        Latency endToEnd = new Latency();
        List<Latency> transit = new ArrayList<>();
        List<Latency> inRelay = new ArrayList<>();
        for (int i = 0; i <= relays; i++) {
            transit.add(new Latency());
            if (i < relays) {
                inRelay.add(new Latency());
            }
        }
        long[] lastArrival = new long[burstStart.length];
        int arrived = 0;
        for (Arrival a : arrivals) {
            if (a.burst() < warmup || a.burst() >= burstStart.length) {
                continue;
            }
            arrived++;
            long start = burstStart[a.burst()];
            endToEnd.recordMicros((a.arrivedNanos() - start) / 1_000);
            lastArrival[a.burst()] = Math.max(lastArrival[a.burst()], a.arrivedNanos());
            long previousOut = a.sentNanos();
            for (int i = 0; i < relays; i++) {
                transit.get(i).recordMicros((a.inNanos()[i] - previousOut) / 1_000);
                inRelay.get(i).recordMicros((a.outNanos()[i] - a.inNanos()[i]) / 1_000);
                previousOut = a.outNanos()[i];
            }
            transit.get(relays).recordMicros((a.arrivedNanos() - previousOut) / 1_000);
        }
        Latency lastOfBurst = new Latency();
        for (int b = warmup; b < burstStart.length; b++) {
            if (lastArrival[b] > 0) {
                lastOfBurst.recordMicros((lastArrival[b] - burstStart[b]) / 1_000);
            }
        }
        return new Result(endToEnd, transit, inRelay, lastOfBurst, (burstStart.length - warmup) * symbols, arrived,
                windows);
    }

    /** Burst and symbol first, then filler to the payload's size. */
    static byte[] value(int burst, int symbol, int payloadBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(8, payloadBytes));
        buffer.putInt(burst).putInt(symbol);
        while (buffer.hasRemaining()) {
            buffer.put((byte) '0');
        }
        return buffer.array();
    }

    static Arrival arrival(ConsumerRecord<byte[], byte[]> record, long arrivedNanos, int relays) {
        int burst = ByteBuffer.wrap(record.value()).getInt();
        long[] in = new long[relays];
        long[] out = new long[relays];
        long sent = 0;
        for (Header h : record.headers()) {
            if (h.key().equals("driver-out")) {
                sent = KafkaRelay.longOf(h.value());
                continue;
            }
            int dash = h.key().lastIndexOf('-');
            int hop = Integer.parseInt(h.key().substring(3, dash)) - 1; // "hop<n>-in", "hop<n>-out"
            (h.key().endsWith("-in") ? in : out)[hop] = KafkaRelay.longOf(h.value());
        }
        return new Arrival(burst, arrivedNanos, sent, in, out);
    }

    public static void main(String[] args) throws Exception {
        Optional<Map<String, String>> parsed = CommandLine.parse(args, USAGE);
        if (parsed.isEmpty()) {
            return;
        }
        Map<String, String> opts = parsed.get();
        int symbols = Integer.parseInt(opts.getOrDefault("symbols", "100"));
        int relays = Integer.parseInt(opts.getOrDefault("relays", "2"));
        int bursts = Integer.parseInt(opts.getOrDefault("bursts", "24"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup-bursts", "12"));
        long every = Long.parseLong(opts.getOrDefault("every", "6000"));
        int payload = Integer.parseInt(opts.getOrDefault("payload", "400"));
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "3"));
        List<String> relayJvm = opts.containsKey("relay-jvm")
                ? Arrays.stream(opts.get("relay-jvm").split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList()
                : SERVICE_JVM;
        String label = opts.getOrDefault("label", "run");
        String command = "mvn -o -Pbenchmarks -pl benchmarks exec:java -Dbenchmark.main="
                + KafkaBurstFloor.class.getName()
                + (args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\"");
        String machine = Machine.describe(command);

        Result result;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topics(List.of()).start()) {
            result = run(broker, relays, partitions, symbols, warmup, bursts, every, payload, relayJvm);
        }

        StringBuilder report = new StringBuilder("### Kafka burst floor: " + label + "\n\n").append(machine)
                .append("\n- relays' JVMs: ").append(String.join(" ", relayJvm)).append("\n\n")
                .append(String.format(Locale.ROOT, "A burst of %d records (one per symbol key, %d bytes each) every %d ms,"
                        + " through %d relay JVMs that pass each record on and do nothing else (topics of %d partitions,"
                        + " linger.ms=0, acks=all, a 100 ms poll), to a consumer in the driver's JVM, which runs the"
                        + " broker; %d bursts measured after %d not. Records arrived: %d of %d.%n%n", symbols, payload,
                        every, relays, partitions, bursts, warmup, result.arrived(), result.expected()))
                .append(Latency.header("path")).append("\n")
                .append(result.endToEnd().row("**burst start → last topic's consumer**, every record")).append("\n")
                .append(result.lastOfBurst().row("burst start → its last record at the consumer")).append("\n");
        for (int i = 0; i <= relays; i++) {
            String from = i == 0 ? "driver's send" : "relay " + i + "'s send";
            String to = i == relays ? "the driver's consumer" : "relay " + (i + 1) + "'s poll returning it";
            report.append(result.transit().get(i).row(from + " → " + to)).append("\n");
            if (i < relays) {
                report.append(result.inRelay().get(i).row("in relay " + (i + 1) + ": poll returned → sent")).append("\n");
            }
        }
        CloseWindows.Windows[] w = result.windows();
        report.append("\n").append(CloseWindows.table(w[0], w[1], w[2], 12,
                new CloseWindows.Moments("each burst", "burst", "between bursts")));
        System.out.println(report);
        Path page = opts.containsKey("out") ? Paths.get(opts.get("out"))
                : LocalStackOptions.forTests().resolvedRepoRoot().resolve("docs/benchmarks.md");
        Report.writeSection(page, "burst-floor-" + label, report.toString());
        System.out.println("written to " + page.toAbsolutePath());
    }

    /** Creates the chain's topics on {@code broker}, starts the relays, drives the bursts and stops the relays. */
    static Result run(EmbeddedKafkaBroker broker, int relays, int partitions, int symbols, int warmup, int bursts,
            long every, int payload, List<String> relayJvm) throws Exception {
        String servers = broker.bootstrapServers();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i <= relays; i++) {
            topics.add("burst-floor." + i);
        }
        try (Admin admin = broker.admin()) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        Path logDir = Files.createTempDirectory("burst-floor");
        System.out.println("  the relays' logs: " + logDir);
        List<Process> chain = new ArrayList<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        try {
            for (int i = 0; i < relays; i++) {
                Process relay = startRelay(relayJvm, servers, topics.get(i), topics.get(i + 1), "hop" + (i + 1),
                        logDir.resolve("hop" + (i + 1) + ".log"));
                chain.add(relay);
                pids.put("relay " + (i + 1), relay.pid());
            }
            pids.put("driver JVM (Kafka broker + load clients)", ProcessHandle.current().pid());
            return drive(servers, topics, relays, symbols, warmup, bursts, every, payload, pids);
        } finally {
            for (Process relay : chain) {
                relay.getOutputStream().close();
            }
            for (Process relay : chain) {
                if (!relay.waitFor(10, TimeUnit.SECONDS)) {
                    relay.destroyForcibly();
                }
            }
        }
    }

    private static Result drive(String servers, List<String> topics, int relays, int symbols, int warmup, int bursts,
            long every, int payload, Map<String, Long> pids) throws Exception {
        ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean probed = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            Thread sink = Thread.ofPlatform().name("burst-floor-sink").start(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                        ConsumerConfig.GROUP_ID_CONFIG, "burst-floor-sink",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(topics.get(relays)));
                    while (!stop.get()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.nanoTime();
                            Arrival a = arrival(r, now, relays);
                            if (a.burst() < 0) {
                                probed.set(true);
                            } else {
                                arrivals.add(a);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            // Every consumer of the chain starts at the end of its topic: probe until a record makes it through.
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!probed.get()) {
                if (System.nanoTime() > deadline || !failures.isEmpty()) {
                    stop.set(true);
                    throw new IllegalStateException("no probe record came through the chain within 90 s",
                            failures.isEmpty() ? null : failures.getFirst());
                }
                send(producer, topics.getFirst(), "probe", value(-1, 0, payload));
                Thread.sleep(500);
            }
            System.out.println("  the chain passes records on; bursts start");
            // Bursts on a clock of their own, so the close-window probe reads around them as around candle closes.
            double speed = (double) MINUTE / every;
            long wallStart = System.currentTimeMillis() + 1000;
            SimClockMapping clock = new SimClockMapping(0, wallStart, speed);
            List<Long> measured = new ArrayList<>();
            for (int b = warmup; b < warmup + bursts; b++) {
                measured.add(b * MINUTE);
            }
            CloseWindows windows = CloseWindows.start(pids, clock, measured);
            long[] burstStart = new long[warmup + bursts];
            for (int b = 0; b < warmup + bursts; b++) {
                long wait = (long) Math.ceil(clock.wallAt(b * MINUTE) - System.currentTimeMillis());
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                burstStart[b] = System.nanoTime();
                for (int s = 0; s < symbols; s++) {
                    send(producer, topics.getFirst(), "sym" + s, value(b, s, payload));
                }
                System.out.printf(Locale.ROOT, "  %s %d/%d sent%n", b < warmup ? "warm-up burst" : "burst",
                        b < warmup ? b + 1 : b - warmup + 1, b < warmup ? warmup : bursts);
            }
            Thread.sleep(Math.min(every, 3000));
            CloseWindows.Windows[] w = windows.stop();
            stop.set(true);
            sink.join();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("the sink failed", failures.getFirst());
            }
            return measure(List.copyOf(arrivals), burstStart, warmup, relays, symbols, w);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("driver-out", KafkaRelay.longBytes(System.nanoTime()));
        producer.send(record);
    }

    private static Process startRelay(List<String> jvm, String servers, String from, String to, String name, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", relayClasspath(), KafkaRelay.class.getName(), servers, from, to, name));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The relay's class and the Kafka client with what it loads (the driver may run inside Maven: no java.class.path). */
    static String relayClasspath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(KafkaRelay.class, KafkaConsumer.class, org.slf4j.LoggerFactory.class)) {
            try {
                entries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (Exception e) {
                throw new IllegalStateException("cannot locate " + c.getName(), e);
            }
        }
        return String.join(File.pathSeparator, entries.stream().distinct().toList());
    }
}
