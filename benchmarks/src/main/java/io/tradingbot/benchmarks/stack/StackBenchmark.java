package io.tradingbot.benchmarks.stack;

import io.tradingbot.benchmarks.report.Machine;
import io.tradingbot.benchmarks.report.Report;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.localstack.LocalStack;
import io.tradingbot.localstack.LocalStackOptions;
import io.tradingbot.localstack.ServiceJvm;
import io.tradingbot.localstack.StackService;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack driver: starts the real stack through the launcher ({@link LocalStack}), drives it with the simulator and
 * measures footprint, start to ready, tick to order, throughput and WebSocket fan-out. Prints each table and writes them
 * to the {@code stack-<label>} section of docs/benchmarks.md.
 * <p>
 * {@code mvn -o -Pbenchmarks -pl benchmarks exec:java -Dexec.args="--symbols 10 --scenarios all"}; {@code --help} lists the
 * options.
 */
public final class StackBenchmark {
    private static final String USAGE = """
            options (defaults in brackets):
              --scenarios LIST        footprint,startup,tick-to-order,throughput,fanout or all [all]
              --symbols N             symbols driven, 1..100 [10]
              --clock-speed X         simulator clock speed for tick to order [10]
              --candles N             candles per symbol in tick to order [36]
              --warmup-candles N      candles driven before those, not measured [0]
              --walk-updates X        random-walk price updates per symbol per real second besides the scenario's own; 0 silences it [1]
              --steps MODE            the symbols' random-walk updates: together (every symbol on the same millisecond, every
                                      candle closing at once) or staggered (symbol i of n at i/n of the step, as markets trade) [staggered]
              --rates LIST            throughput steps through the simulator, updates/s [2000,5000,10000,20000,40000]
              --batch-millis N        the price driver sends one bulk request every N ms [10]
              --kafka-rates LIST      throughput steps straight onto Kafka, records/s [2000,5000,10000,20000,40000]
              --step-seconds N        duration of each throughput step [20]
              --clients N             WebSocket clients for fan-out [1000]
              --symbols-per-client N  each client's subscriptions [all]
              --fanout-rate N         price updates/s during fan-out [500]
              --fanout-seconds N      measured fan-out window [30]
              --start-runs N          starts of each service in the startup scenario, interleaved; the median is reported [3]
              --env MODULE:KEY=VALUE  extra environment of one service (repeatable), e.g. for a before/after
              --sim-arg KEY=VALUE     extra simulator property (repeatable), e.g. sim.market.tick-millis=1000 for fewer events
              --jvm-arg ARG           JVM argument of every process after the services' sizing (repeatable), e.g. -XX:TrimNativeHeapInterval=0
              --service-jvm NAME      the services' JVM sizing: jvm-defaults, sized, sized-with-class-archive [sized-with-class-archive]
              --repo-root DIR         run the packaged applications found there (<module>/target/quarkus-app) [this repo]
              --label NAME            the docs section is stack-NAME [run]
              --out FILE              the page to write [docs/benchmarks.md under the repository root]
            """;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        Map<String, Map<String, String>> extraEnv = new LinkedHashMap<>();
        List<String> simArgs = new ArrayList<>();
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                System.err.println("unknown or incomplete option '" + name + "'\n" + USAGE);
                System.exit(2);
            }
            String value = args[++i];
            if (name.equals("--sim-arg")) {
                simArgs.add("-D" + value);
            } else if (name.equals("--jvm-arg")) {
                jvmArgs.add(value);
            } else if (name.equals("--env")) {
                int colon = value.indexOf(':');
                int eq = value.indexOf('=');
                if (colon < 1 || eq < colon) {
                    System.err.println("--env wants MODULE:KEY=VALUE, got '" + value + "'");
                    System.exit(2);
                }
                extraEnv.computeIfAbsent(value.substring(0, colon), k -> new LinkedHashMap<>())
                        .put(value.substring(colon + 1, eq), value.substring(eq + 1));
            } else {
                opts.put(name.substring(2), value);
            }
        }
        Set<String> scenarios = new LinkedHashSet<>(Arrays.asList(opts.getOrDefault("scenarios", "all").split(",")));
        if (scenarios.contains("all")) {
            scenarios = new LinkedHashSet<>(List.of("footprint", "startup", "tick-to-order", "throughput", "fanout"));
        }
        int symbolCount = Integer.parseInt(opts.getOrDefault("symbols", "10"));
        double speed = Double.parseDouble(opts.getOrDefault("clock-speed", "10"));
        int batchMillis = Integer.parseInt(opts.getOrDefault("batch-millis", "10"));
        List<String> symbols = SimMarkets.symbols(symbolCount);
        double walkPerSecond = Double.parseDouble(opts.getOrDefault("walk-updates", "1"));
        String walkSteps = opts.getOrDefault("steps", "staggered");
        if (!walkSteps.equals("together") && !walkSteps.equals("staggered")) {
            System.err.println("--steps wants together or staggered, got '" + walkSteps + "'");
            System.exit(2);
        }
        Map<String, Long> stepOffsets = SimMarkets.stepOffsets(symbols, SimMarkets.stepMillis(speed, walkPerSecond),
                walkSteps.equals("staggered"));
        String command = "mvn -o -Pbenchmarks -pl benchmarks exec:java -Dexec.args=\"" + Arrays.stream(args)
                .map(a -> a.contains(" ") ? "'" + a + "'" : a).collect(java.util.stream.Collectors.joining(" ")) + "\"";

        Path repoRoot = LocalStackOptions.forTests().resolvedRepoRoot();
        LocalStackOptions.Builder builder = LocalStackOptions.forTests().toBuilder()
                .logDir(repoRoot.resolve("benchmarks/target/stack-logs").resolve(LocalDateTime.now().format(
                        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .simulatorArgs(Stream.concat(SimMarkets.simulatorArgs(symbols, speed, walkPerSecond, stepOffsets)
                        .stream(), simArgs.stream()).toList())
                .serviceJvm(ServiceJvm.valueOf(opts.getOrDefault("service-jvm", "sized-with-class-archive")
                        .toUpperCase(Locale.ROOT).replace('-', '_')))
                // 1m candles only: the strategies read them. No client-side rate limit: the simulator has none, and with
                // it 100 symbols' candle history (2 reads each, 30 a minute on Bitfinex) would take 7 minutes to read.
                .serviceEnvironment("market-data-service", Map.of("MARKET_DATA_SYMBOLS", String.join(",", symbols),
                        "MARKET_DATA_TIMEFRAMES", "1m", "BITFINEX_RATE_LIMITED", "false"))
                // One open trade per symbol: with the default limit (3) all but three symbols' entries would be refused.
                // A take profit of 10 %: the driver's 3 % jumps never reach it, so each SELL closes the trade its BUY
                // opened (a spot SELL sells nothing else) instead of finding it closed by its exit.
                .serviceEnvironment("risk-service", Map.of("RISK_DEFAULTS_MAX_OPEN_POSITIONS",
                        Integer.toString(symbols.size()), "RISK_DEFAULTS_TAKE_PROFIT_PERCENT", "10"));
        extraEnv.forEach(builder::serviceEnvironment);
        builder.jvmArgs(jvmArgs);
        if (opts.containsKey("repo-root")) {
            // a copy of the packaged applications, so that a rebuild in the working tree cannot change them mid-run
            builder.repoRoot(Paths.get(opts.get("repo-root")));
        }
        LocalStackOptions options = builder.build();

        StringBuilder report = new StringBuilder("### Stack run: " + opts.getOrDefault("label", "run") + "\n\n"
                + Machine.describe(command) + "\n");
        if (opts.containsKey("repo-root")) {
            report.append("- applications run from a copy of their packages: ").append(opts.get("repo-root")).append("\n");
        }
        int jvmLine = report.length(); // filled in once the stack runs: the launcher may assemble an AOT cache first
        if (!extraEnv.isEmpty()) {
            report.append("- extra service environment: ").append(extraEnv).append("\n");
        }
        report.append("- price moves besides the scenarios' own: the simulator's random walk, ")
                .append(opts.getOrDefault("walk-updates", "1")).append(" update(s) per symbol per second, ")
                .append(stepOffsets.isEmpty() ? "every symbol's on the same millisecond (every candle closes at once)"
                        : "staggered: symbol i of " + symbols.size() + " at i/" + symbols.size()
                        + " of the step (its candles close at its own first trade of the minute)").append("\n");
        if (!simArgs.isEmpty()) {
            report.append("- extra simulator properties: ").append(String.join(" ", simArgs)).append("\n");
        }
        System.out.println("Starting the stack (logs in " + options.logDir().toAbsolutePath() + ") ...");
        long startNanos = System.nanoTime();
        try (LocalStack stack = LocalStack.start(options)) {
            System.out.printf(Locale.ROOT, "Stack ready in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
            report.insert(jvmLine, "- services' JVMs: " + options.serviceJvm() + ", e.g. risk-service "
                    + String.join(" ", stack.jvmOptions(StackService.RISK)) + "\n");
            Map<String, Long> pids = new LinkedHashMap<>();
            stack.processes().forEach((name, handle) -> pids.put(name, handle.pid()));
            pids.put("driver JVM (Kafka broker + load clients)", ProcessHandle.current().pid());
            Map<String, Footprint.Usage> idle = Map.of();
            Map<String, Map<String, Footprint.Usage>> loadedByScenario = new LinkedHashMap<>();
            Map<String, Double> ready = new LinkedHashMap<>();
            String startTable = null;

            if (scenarios.contains("footprint")) {
                System.out.println("Footprint at idle (15 s) ...");
                Thread.sleep(5000);
                idle = Footprint.measure(pids, Duration.ofSeconds(15));
            }
            if (scenarios.contains("tick-to-order")) {
                try {
                    int candles = Integer.parseInt(opts.getOrDefault("candles", "36"));
                    int warmupCandles = Integer.parseInt(opts.getOrDefault("warmup-candles", "0"));
                    System.out.println("Tick to order: " + symbols.size() + " symbols, " + candles + " candles ...");
                    try (EventTap tap = new EventTap(stack.kafkaBootstrapServers())) {
                        startSessions(stack.kafkaBootstrapServers(), symbols);
                        // sessions reach strategy-service; its series warm up from market-data on the first candle
                        Thread.sleep((long) (2 * 60_000 / speed) + 3000);
                        Sampler sampler = Sampler.start(pids);
                        TickToOrder.Result result = new TickToOrder(stack.simulator(), symbols, speed, stepOffsets).run(tap,
                                warmupCandles, candles, pids);
                        loadedByScenario.put(symbols.size() + " symbols, tick to order", sampler.stop());
                        String table = TickToOrder.table(result, symbols.size(), speed, warmupCandles,
                                candles);
                        System.out.println(table);
                        report.append("\n#### Tick to order\n\n").append(table);
                    }
                } catch (Exception e) {
                    failed(report, "tick-to-order", e);
                }
            }
            if (scenarios.contains("throughput")) {
                try {
                    List<Integer> rates = Arrays.stream(opts.getOrDefault("rates",
                            "2000,5000,10000,20000,40000").split(",")).map(Integer::parseInt).toList();
                    Duration step = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("step-seconds", "20")));
                    List<Integer> kafkaRates = Arrays.stream(opts.getOrDefault("kafka-rates",
                            "2000,5000,10000,20000,40000").split(",")).map(Integer::parseInt).toList();
                    System.out.println("Throughput through the simulator: steps " + rates + " ...");
                    try (PriceDriver driver = new PriceDriver(stack.simulatorUrl(), symbols, 4, batchMillis);
                         KafkaCandleDriver direct = new KafkaCandleDriver(stack.kafkaBootstrapServers(), symbols);
                         ConsumerLag lag = new ConsumerLag(stack.kafkaBootstrapServers(), "strategy-service",
                                 Topics.MARKET_CANDLES)) {
                        Sampler sampler = Sampler.start(pids);
                        List<Throughput.Step> steps;
                        // closed before the direct ladder, whose candles are not the exchange's
                        try (FeedDelay feed = new FeedDelay(stack.kafkaBootstrapServers(),
                                SimClockMapping.read(stack.simulator(), speed)::wallAt)) {
                            steps = new Throughput(driver, lag::read, feed::highestSince).run(rates, step);
                        }
                        String table = Throughput.table(steps, symbols.size(), step, "price updates/s asked of the simulator");
                        System.out.println(table);
                        report.append("\n#### Throughput: price updates through simulator → market-data → Kafka → strategy\n\n")
                                .append(table);
                        Thread.sleep(10_000); // let the backlog drain
                        System.out.println("Throughput of Kafka → strategy alone: steps " + kafkaRates + " ...");
                        List<Throughput.Step> directSteps = new Throughput(direct, lag::read, null).run(kafkaRates, step);
                        loadedByScenario.put("throughput ladder, up to " + Math.max(Collections.max(rates),
                                Collections.max(kafkaRates)) + "/s", sampler.stop());
                        String directTable = Throughput.table(directSteps, symbols.size(), step,
                                "candle records/s written to market.candles.v1 by the driver");
                        System.out.println(directTable);
                        report.append("\n#### Throughput: candle records straight onto Kafka → strategy\n\n")
                                .append(directTable);
                    }
                } catch (Exception e) {
                    failed(report, "throughput", e);
                }
            }
            if (scenarios.contains("fanout")) {
                try {
                    int clients = Integer.parseInt(opts.getOrDefault("clients", "1000"));
                    String perClient = opts.getOrDefault("symbols-per-client", "all");
                    int symbolsPerClient = perClient.equals("all") ? symbols.size() : Integer.parseInt(perClient);
                    double rate = Double.parseDouble(opts.getOrDefault("fanout-rate", "500"));
                    int seconds = Integer.parseInt(opts.getOrDefault("fanout-seconds", "30"));
                    System.out.println("Fan-out: " + clients + " clients ...");
                    long gatewayPid = pids.get("gateway");
                    try (FanOut fanOut = new FanOut();
                         PriceDriver driver = new PriceDriver(stack.simulatorUrl(), symbols, 4, batchMillis)) {
                        String token = fanOut.token(stack.gatewayUrl(), stack.adminPassword());
                        long rssBefore = ProcessSample.read(gatewayPid).map(ProcessSample::rssKb).orElse(0L);
                        int connected = fanOut.connect(stack.gatewayWebSocketUrl(), token, clients, symbols,
                                symbolsPerClient);
                        Thread.sleep(3000);
                        long rssAfter = ProcessSample.read(gatewayPid).map(ProcessSample::rssKb).orElse(0L);
                        double perConnection = connected == 0 ? 0 : (rssAfter - rssBefore) / (double) connected;
                        System.out.printf(Locale.ROOT, "  %d connected; gateway RSS %d → %d KB%n", connected, rssBefore,
                                rssAfter);
                        driver.drive(rate, Duration.ofSeconds(5)); // warm the path
                        Sampler sampler = Sampler.start(pids);
                        fanOut.startMeasuring();
                        UpdateSource.Outcome outcome = driver.drive(rate, Duration.ofSeconds(seconds));
                        FanOut.Result result = fanOut.stopMeasuring(clients, outcome.seconds(), perConnection,
                                outcome.achievedPerSecond());
                        loadedByScenario.put(connected + " WebSocket clients", sampler.stop());
                        String table = FanOut.table(result, symbolsPerClient, symbols.size());
                        System.out.println(table);
                        report.append("\n#### WebSocket fan-out\n\n").append(table);
                    }
                } catch (Exception e) {
                    failed(report, "fanout", e);
                }
            }
            if (scenarios.contains("startup")) {
                // Last: a second instance joins its service's consumer groups, and one stopped right after ready may
                // leave its partitions unread until the group's session times out (45 s), which a scenario after it
                // would measure as lag.
                int runs = Integer.parseInt(opts.getOrDefault("start-runs", "3"));
                Map<String, List<StartToReady.Start>> starts = new LinkedHashMap<>();
                for (int run = 1; run <= runs; run++) {
                    // interleaved, so that a slower minute of the machine does not fall on one service's starts only
                    for (String module : StackService.modules()) {
                        if (ready.containsKey(module) && ready.get(module).isNaN()) {
                            continue;
                        }
                        Map<String, String> env = wiring(stack, options, StackService.ofModule(module));
                        try {
                            StartToReady.Start start = StartToReady.start(stack.repoRoot(), module,
                                    stack.jvmOptions(StackService.ofModule(module)), env,
                                    stack.logDir().resolve("startup-" + module + "-" + run + ".log"));
                            System.out.printf(Locale.ROOT, "Start to ready, %s: %.2f s%n", module, start.seconds());
                            starts.computeIfAbsent(module, m -> new ArrayList<>()).add(start);
                        } catch (IllegalStateException e) {
                            // one service that does not come up must not cost the other measurements
                            System.out.println("Start to ready, " + module + ": " + e.getMessage());
                            ready.put(module, Double.NaN);
                            report.append("- start to ready of ").append(module).append(": ").append(e.getMessage())
                                    .append("\n");
                        }
                    }
                }
                starts.forEach((module, list) -> {
                    if (!ready.containsKey(module)) {
                        ready.put(module, StartCpu.median(list, StartToReady.Start::seconds));
                    }
                });
                startTable = StartCpu.table(starts);
            }
            if (scenarios.contains("footprint") || scenarios.contains("startup")) {
                Map<String, Footprint.Usage> loaded = new LinkedHashMap<>();
                loadedByScenario.values().forEach(window -> merge(loaded, window));
                String table = Footprint.table(idle, loaded, ready);
                System.out.println(table);
                report.append("\n#### Footprint\n\nCPU in % of one core (the machine has ")
                        .append(Runtime.getRuntime().availableProcessors()).append("); under load = the scenarios above,"
                                + " RSS the peak sampled once a second, CPU the highest scenario average. Start to ready: "
                                + "a second instance of the service started alone on the idle stack (the median of the "
                                + "starts below).\n\n")
                        .append(table);
                if (!loadedByScenario.isEmpty()) {
                    String perScenario = Footprint.perScenarioTable(loadedByScenario);
                    System.out.println(perScenario);
                    report.append("\nPeak RSS in MB in each scenario (over 200 MB in bold):\n\n").append(perScenario);
                }
                if (startTable != null) {
                    System.out.println(startTable);
                    report.append("\n#### Start to ready: where the CPU goes\n\n").append(startTable);
                }
            }
        }
        Path page = opts.containsKey("out") ? Paths.get(opts.get("out"))
                : repoRoot.resolve("docs/benchmarks.md");
        Report.writeSection(page, "stack-" + opts.getOrDefault("label", "run"), report.toString());
        System.out.println("Written to " + page.toAbsolutePath());
    }

    /** A scenario that failed is reported as such, and the run goes on with the next one. */
    private static void failed(StringBuilder report, String scenario, Exception e) {
        e.printStackTrace(System.out);
        report.append("\n#### ").append(scenario).append(": failed\n\n").append(e).append("\n");
    }

    /** Keeps, per process, the highest CPU average and the highest RSS over the scenarios. */
    private static void merge(Map<String, Footprint.Usage> into, Map<String, Footprint.Usage> window) {
        window.forEach((name, u) -> into.merge(name, u, (a, b) -> new Footprint.Usage(
                Math.max(a.cpuPercent(), b.cpuPercent()), Math.max(a.peakRssMb(), b.peakRssMb()),
                b.peakRssMb() > a.peakRssMb() ? b.fileRssMb() : a.fileRssMb())));
    }

    private static void startSessions(String bootstrap, List<String> symbols) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer<TradingSession>())) {
            for (String symbol : symbols) {
                producer.send(new ProducerRecord<>(Topics.TRADING_SESSIONS, symbol, new TradingSession(symbol, true,
                        TickToOrder.STRATEGY, Instant.now(), "benchmarks", "tick-to-order benchmark"))).get();
            }
        }
    }

    /** The environment a service gets from the launcher, for a second instance of it (the start-to-ready timing). */
    static Map<String, String> wiring(LocalStack stack, LocalStackOptions options, StackService service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        if (service != StackService.STRATEGY && service != StackService.GATEWAY) {
            env.put("BITFINEX_BASE_URL", stack.simulatorUrl());
        }
        SimulatorProcess sim = stack.simulator();
        switch (service) {
            case STRATEGY -> env.put("MARKET_DATA_URL", stack.serviceUrl(StackService.MARKET_DATA.module()));
            case ORDER -> {
                // a key of its own: two processes on one key would refuse each other's nonces
                SimulatorProcess.Credentials key = sim.createKey(LocalStack.PAPER_ACCOUNT, List.of("read", "write"));
                env.put("BITFINEX_API_KEY", key.apiKey());
                env.put("BITFINEX_API_SECRET", key.apiSecret());
                env.put("RISK_URL", stack.serviceUrl(StackService.RISK.module()));
            }
            case ACCOUNT -> {
                SimulatorProcess.Credentials key = sim.createKey(LocalStack.PAPER_ACCOUNT, List.of("read"));
                env.put("BITFINEX_API_KEY", key.apiKey());
                env.put("BITFINEX_API_SECRET", key.apiSecret());
            }
            case GATEWAY -> {
                for (StackService other : StackService.values()) {
                    if (other.urlVariable() != null) {
                        env.put(other.urlVariable(), stack.serviceUrl(other.module()));
                    }
                }
                env.put("AUTH_REQUIRED", Boolean.toString(options.authRequired()));
                env.put("TRADINGBOT_ADMIN_PASSWORD", stack.adminPassword());
                env.putAll(stack.gatewayTokenKeys());
            }
            default -> {
            }
        }
        env.putAll(options.serviceEnvironment().getOrDefault(service.module(), Map.of()));
        return env;
    }

    /** Samples the processes once a second in the background while a scenario runs. */
    private record Sampler(Footprint footprint, ScheduledExecutorService timer) {
        static Sampler start(Map<String, Long> pids) {
            Footprint f = Footprint.begin(pids);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "footprint-sampler");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(f::sample, 1, 1, TimeUnit.SECONDS);
            return new Sampler(f, timer);
        }

        Map<String, Footprint.Usage> stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            return footprint.end();
        }
    }
}
