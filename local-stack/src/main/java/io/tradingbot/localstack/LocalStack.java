package io.tradingbot.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.simulator.testkit.ServiceProcess;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorProcess.Credentials;

/**
 * The whole suite on this machine: a real Kafka broker (in this JVM), the exchange simulator with its funded paper
 * account, and the six services as processes of their own ({@code java -jar <module>/target/quarkus-app/quarkus-run.jar}),
 * wired to each other, each waited for until {@code /q/health/ready} answers 200. Every process runs in this JVM's
 * working directory, so a relative path in {@link LocalStackOptions#serviceEnvironment()} means the same to both.
 * {@link #close()} stops them in reverse order (SIGTERM, SIGKILL after a grace period, children included) and leaves no
 * process behind; a JVM shutdown hook does the same if the caller never gets to close it.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
 *     stack.simulator().setPrice("tBTCUSD", "50000");
 *     String limits = stack.gatewayUrl() + "/api/v2/risk/limits";
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    /** The paper account every service trades on. */
    public static final String PAPER_ACCOUNT = "paper";

    /** Inherited variables that would miswire a service; the stack sets what each one needs. */
    private static final Set<String> SCRUBBED_ENVIRONMENT = Set.of("BITFINEX_API_KEY", "BITFINEX_API_SECRET",
            "BITFINEX_BASE_URL", "BITFINEX_REST_URL", "BITFINEX_AUTH_REST_URL", "BITFINEX_WS_URL",
            "BITFINEX_ACCOUNT_API_KEY", "BITFINEX_ACCOUNT_API_SECRET", "MARKET_DATA_URL", "STRATEGY_URL", "RISK_URL",
            "ORDER_URL", "ACCOUNT_URL", "AUTH_REQUIRED", "TRADINGBOT_ADMIN_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
            "SIM_API_KEY", "SIM_API_SECRET");

    /** Stop order, each tier in parallel: who calls others goes first, what everyone depends on goes last. */
    private static final List<List<StackService>> STOP_TIERS = List.of(
            List.of(StackService.GATEWAY),
            List.of(StackService.STRATEGY, StackService.ORDER, StackService.ACCOUNT),
            List.of(StackService.MARKET_DATA, StackService.RISK));

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final LocalStackOptions options;
    private final Path repoRoot;
    private final Path logDir;
    private final String adminPassword;
    private final Map<StackService, ServiceProcess> services = Collections.synchronizedMap(new EnumMap<>(StackService.class));
    private final Map<StackService, Credentials> bitfinexKeys = new EnumMap<>(StackService.class);
    private final Thread shutdownHook;
    private volatile EmbeddedKafkaBroker kafka;
    private volatile SimulatorProcess simulator;
    private volatile TokenSigningKeys tokenKeys;
    private Credentials paperAccount;
    private boolean closed;

    private LocalStack(LocalStackOptions options) {
        this.options = options;
        this.repoRoot = options.resolvedRepoRoot();
        this.logDir = (options.logDir() != null ? options.logDir() : repoRoot.resolve(".run/logs"))
                .toAbsolutePath().normalize();
        this.adminPassword = options.adminPassword() != null && !options.adminPassword().isBlank()
                ? options.adminPassword() : generatePassword();
        this.shutdownHook = new Thread(this::close, "local-stack-shutdown");
    }

    /**
     * Starts the stack and returns once every process is ready. On any failure whatever was started is stopped and
     * the error names the process and carries its log tail.
     */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack(options);
        Map<String, String> live = options.live() ? liveCredentials(System.getenv()) : Map.of();
        stack.checkPackaged();
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.boot(live);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- start

    private void checkPackaged() {
        List<String> missing = new ArrayList<>();
        for (StackService s : StackService.values()) {
            if (!Files.isRegularFile(jar(s.module()))) {
                missing.add(jar(s.module()).toString());
            }
        }
        if (!options.live() && !Files.isRegularFile(jar("exchange-simulator"))) {
            missing.add(jar("exchange-simulator").toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not packaged: " + missing + ". Build first, from " + repoRoot
                    + ": mvn -B install -DskipTests (or ./run.sh --build)");
        }
    }

    private Path jar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void boot(Map<String, String> live) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + logDir, e);
        }
        Map<StackService, Integer> ports = choosePorts();
        ExecutorService pool = Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "local-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            // The broker (in this JVM), the simulator (a process) and the gateway's keys do not need each other.
            CompletableFuture<TokenSigningKeys> keys = CompletableFuture.supplyAsync(TokenSigningKeys::create, pool);
            CompletableFuture<EmbeddedKafkaBroker> broker = CompletableFuture.supplyAsync(this::startKafka, pool);
            try {
                if (!options.live()) {
                    startSimulator();
                }
            } finally {
                try {
                    kafka = join(List.of(broker)).get(0);
                } finally {
                    tokenKeys = join(List.of(keys)).get(0);
                }
            }
            String exchangeUrl = options.live() ? null : simulator.baseUrl();
            if (options.live()) {
                bitfinexKeys.put(StackService.ORDER, new Credentials("live", live.get("BITFINEX_API_KEY"),
                        live.get("BITFINEX_API_SECRET")));
                bitfinexKeys.put(StackService.ACCOUNT, new Credentials("live", live.get("BITFINEX_ACCOUNT_API_KEY"),
                        live.get("BITFINEX_ACCOUNT_API_SECRET")));
            } else {
                // One key per process on the same paper account: Bitfinex nonces grow per key.
                paperAccount = new Credentials(PAPER_ACCOUNT, simulator.apiKey(), simulator.apiSecret());
                bitfinexKeys.put(StackService.ORDER, simulator.createKey(PAPER_ACCOUNT, List.of("read", "write")));
                bitfinexKeys.put(StackService.ACCOUNT, simulator.createKey(PAPER_ACCOUNT, List.of("read")));
            }

            Map<StackService, String> urls = new EnumMap<>(StackService.class);
            ports.forEach((s, port) -> urls.put(s, "http://127.0.0.1:" + port));
            Supplier<ServiceProcess> marketThenStrategy = () -> {
                launch(StackService.MARKET_DATA, ports, urls, exchangeUrl);
                return launch(StackService.STRATEGY, ports, urls, exchangeUrl);
            };
            join(List.of(
                    CompletableFuture.supplyAsync(marketThenStrategy, pool),
                    CompletableFuture.supplyAsync(() -> launch(StackService.RISK, ports, urls, exchangeUrl), pool),
                    CompletableFuture.supplyAsync(() -> launch(StackService.ORDER, ports, urls, exchangeUrl), pool),
                    CompletableFuture.supplyAsync(() -> launch(StackService.ACCOUNT, ports, urls, exchangeUrl), pool)));
            launch(StackService.GATEWAY, ports, urls, exchangeUrl);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for every future (so nothing is still starting when we clean up), then rethrows the first failure. */
    private static <T> List<T> join(List<CompletableFuture<T>> futures) {
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                RuntimeException wrapped = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private Map<StackService, Integer> choosePorts() {
        Map<StackService, Integer> ports = new EnumMap<>(StackService.class);
        Set<Integer> taken = new HashSet<>();
        for (StackService s : StackService.values()) {
            ports.put(s, options.freePorts() ? freePort(taken) : s.defaultPort() + options.portOffset());
        }
        if (!options.freePorts()) {
            checkFree(ports);
        }
        return ports;
    }

    /**
     * Fixed ports must be free before anything starts: a stack still running there would answer our readiness checks,
     * and we would wire the new services to the old ones.
     */
    private void checkFree(Map<StackService, Integer> ports) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        ports.forEach((s, port) -> wanted.put(s.module(), port));
        if (!options.live()) {
            wanted.put("exchange-simulator", StackService.SIMULATOR_PORT + options.portOffset());
        }
        wanted.put("kafka", StackService.KAFKA_PORT + options.portOffset());
        wanted.put("kafka controller", StackService.KAFKA_CONTROLLER_PORT + options.portOffset());
        List<String> busy = new ArrayList<>();
        wanted.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(port + " (" + name + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports in use: " + String.join(", ", busy) + ". Is a stack already running? "
                    + "Stop it, or start this one with --port-offset N (TRADINGBOT_PORT_OFFSET) or --free-ports.");
        }
    }

    /** A free port not handed out yet: every port is chosen up front so that each service knows the others' URLs. */
    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no free port");
    }

    private EmbeddedKafkaBroker startKafka() {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder();
        if (!options.freePorts()) {
            builder.port(StackService.KAFKA_PORT + options.portOffset())
                    .controllerPort(StackService.KAFKA_CONTROLLER_PORT + options.portOffset());
        }
        if (options.kafkaDataDir() != null) {
            builder.dataDir(options.kafkaDataDir().toAbsolutePath());
        }
        return builder.start();
    }

    private void startSimulator() {
        int port = options.freePorts() ? 0 : StackService.SIMULATOR_PORT + options.portOffset();
        List<String> args = new ArrayList<>(options.serviceJvm().simulatorOptions());
        args.addAll(options.jvmArgs());
        args.addAll(options.simulatorArgs());
        simulator = SimulatorProcess.start(jar("exchange-simulator"), args, builder -> builder
                .port(port)
                .logFile(logDir.resolve("exchange-simulator.log"))
                .withoutEnvironment(SCRUBBED_ENVIRONMENT)
                .readyTimeout(options.readyTimeout()));
    }

    private ServiceProcess launch(StackService service, Map<StackService, Integer> ports, Map<StackService, String> urls,
                                  String exchangeUrl) {
        options.serviceJvm().prepare(service, jar(service.module()).getParent());
        ServiceProcess process = ServiceProcess.builder(service.module(), jar(service.module()))
                .port(ports.get(service))
                .logFile(logDir.resolve(service.module() + ".log"))
                .withoutEnvironment(SCRUBBED_ENVIRONMENT)
                .environment(environment(service, urls, exchangeUrl))
                .systemProperties(jvmOptions(service))
                .readyTimeout(options.readyTimeout())
                .start();
        services.put(service, process);
        return process;
    }

    /** The JVM arguments a service of this stack starts with: its sizing, then the caller's (a later {@code -Xmx} wins). */
    public List<String> jvmOptions(StackService service) {
        List<String> args = new ArrayList<>(options.serviceJvm().options(service, jar(service.module()).getParent()));
        args.addAll(options.jvmArgs());
        return args;
    }

    /** The wiring of one service, as each module's application.properties and README name it. */
    Map<String, String> environment(StackService service, Map<StackService, String> urls, String exchangeUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // The jars run in the prod profile, whose logs are JSON for a collector; a person reads these files.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (service != StackService.STRATEGY && service != StackService.GATEWAY) {
            if (exchangeUrl != null) {
                env.put("BITFINEX_BASE_URL", exchangeUrl);
            } else {
                env.put("BITFINEX_REST_URL", "https://api-pub.bitfinex.com");
                env.put("BITFINEX_AUTH_REST_URL", "https://api.bitfinex.com");
                env.put("BITFINEX_WS_URL", "wss://api.bitfinex.com/ws/2");
            }
        }
        Credentials key = bitfinexKeys.get(service);
        if (key != null) {
            env.put("BITFINEX_API_KEY", key.apiKey());
            env.put("BITFINEX_API_SECRET", key.apiSecret());
        }
        switch (service) {
            case STRATEGY -> env.put("MARKET_DATA_URL", urls.get(StackService.MARKET_DATA));
            case ORDER -> env.put("RISK_URL", urls.get(StackService.RISK));
            case GATEWAY -> {
                for (StackService other : StackService.values()) {
                    if (other.urlVariable() != null) {
                        env.put(other.urlVariable(), urls.get(other));
                    }
                }
                env.put("AUTH_REQUIRED", Boolean.toString(options.authRequired()));
                env.put("TRADINGBOT_ADMIN_PASSWORD", adminPassword);
                env.putAll(tokenKeys.environment());
            }
            default -> {
            }
        }
        env.putAll(options.serviceEnvironment().getOrDefault(service.module(), Map.of()));
        return env;
    }

    /**
     * Live mode signs with real keys: order-service's (orders read and write) from {@code BITFINEX_API_KEY} /
     * {@code BITFINEX_API_SECRET}, account-service's (read) from {@code BITFINEX_ACCOUNT_API_KEY} /
     * {@code BITFINEX_ACCOUNT_API_SECRET}: two processes on one key would refuse each other's nonces.
     */
    static Map<String, String> liveCredentials(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : List.of("BITFINEX_API_KEY", "BITFINEX_API_SECRET", "BITFINEX_ACCOUNT_API_KEY",
                "BITFINEX_ACCOUNT_API_SECRET")) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            } else {
                found.put(name, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Live mode trades real money on Bitfinex and needs two API keys of your "
                    + "account, one per process (Bitfinex nonces grow per key): BITFINEX_API_KEY/BITFINEX_API_SECRET "
                    + "for order-service (orders read and write) and BITFINEX_ACCOUNT_API_KEY/"
                    + "BITFINEX_ACCOUNT_API_SECRET for account-service (read). Missing: " + missing);
        }
        if (found.get("BITFINEX_API_KEY").equals(found.get("BITFINEX_ACCOUNT_API_KEY"))) {
            throw new IllegalStateException("BITFINEX_ACCOUNT_API_KEY must be a different key than BITFINEX_API_KEY: "
                    + "two processes on one key refuse each other's nonces.");
        }
        return found;
    }

    private static String generatePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- accessors

    public LocalStackOptions options() {
        return options;
    }

    /** e.g. {@code http://127.0.0.1:8080} */
    public String gatewayUrl() {
        return serviceUrl(StackService.GATEWAY.module());
    }

    /** The gateway's WebSocket, e.g. {@code ws://127.0.0.1:8080/api/v2/ws}. */
    public String gatewayWebSocketUrl() {
        return gatewayUrl().replaceFirst("^http", "ws") + "/api/v2/ws";
    }

    /** A service's base URL by module name ({@code "risk-service"}, {@code "gateway"}, ...). */
    public String serviceUrl(String module) {
        return service(module).baseUrl();
    }

    /** A service's process (port, log file, {@link ServiceProcess#handle()}). */
    public ServiceProcess service(String module) {
        ServiceProcess process = services.get(StackService.ofModule(module));
        if (process == null) {
            throw new IllegalStateException(module + " is not running");
        }
        return process;
    }

    /** The exchange simulator: {@code setPrice}, {@code advanceClock}, {@code account("paper")}, {@code call(...)}. */
    public SimulatorProcess simulator() {
        if (simulator == null) {
            throw new IllegalStateException("no simulator: this stack trades on Bitfinex itself (live)");
        }
        return simulator;
    }

    /** The simulator's base URL (REST {@code /v2}, WebSocket {@code /ws/2}, admin {@code /sim}). */
    public String simulatorUrl() {
        return simulator().baseUrl();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker, e.g. to stop and restart it in a resilience test. */
    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** The password of the gateway's user {@code admin} (roles viewer and trader). */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * Where the gateway's token signing keys are ({@code SMALLRYE_JWT_SIGN_KEY_LOCATION},
     * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}): another gateway started with them accepts this stack's tokens.
     */
    public Map<String, String> gatewayTokenKeys() {
        return tokenKeys.environment();
    }

    public Path logDir() {
        return logDir;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /**
     * The paper account's own key (the one the simulator was started with): no service signs with it, so a test can
     * sign with it freely.
     */
    public Credentials paperAccount() {
        if (paperAccount == null) {
            throw new IllegalStateException("no paper account: this stack trades on Bitfinex itself (live)");
        }
        return paperAccount;
    }

    /** The key a service signs with: {@code order-service} (read, write) or {@code account-service} (read). */
    public Credentials bitfinexCredentials(String module) {
        Credentials key = bitfinexKeys.get(StackService.ofModule(module));
        if (key == null) {
            throw new IllegalArgumentException(module + " signs with no key");
        }
        return key;
    }

    /** Every process of the stack by name (the six modules and {@code exchange-simulator}), for liveness checks. */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> out = new LinkedHashMap<>();
        if (simulator != null) {
            out.put("exchange-simulator", simulator.process().handle());
        }
        synchronized (services) {
            services.forEach((s, p) -> out.put(s.module(), p.handle()));
        }
        return out;
    }

    // ---------------------------------------------------------------- stop

    /** Stops the services (callers first), then the simulator, then the broker. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: this is the hook itself
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (List<StackService> tier : STOP_TIERS) {
            List<Thread> stoppers = new ArrayList<>();
            for (StackService s : tier) {
                ServiceProcess process = services.get(s);
                if (process != null) {
                    Thread t = new Thread(() -> process.close(STOP_GRACE), "stop-" + s.module());
                    t.start();
                    stoppers.add(t);
                }
            }
            for (Thread t : stoppers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (tokenKeys != null) {
            try {
                tokenKeys.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (simulator != null) {
            try {
                simulator.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
