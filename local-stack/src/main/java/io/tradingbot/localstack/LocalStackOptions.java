package io.tradingbot.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}. {@link #defaults()} is a local run (fixed ports, logs under {@code .run/logs});
 * {@link #forTests()} puts every process on a free port with its logs under the build folder. Change one field with a
 * wither ({@code LocalStackOptions.forTests().withAuthRequired(false)}) or build from scratch with {@link #builder()}.
 *
 * @param freePorts          every process on a free port (tests, benchmarks); otherwise the fixed ports: gateway 8080,
 *                           market-data 8081, strategy 8082, risk 8083, order 8084, account 8085, simulator 8090,
 *                           Kafka 9092 (controller 9093)
 * @param portOffset         added to every fixed port (two stacks on one machine); ignored with {@code freePorts}
 * @param authRequired       the gateway's {@code AUTH_REQUIRED}; default true
 * @param adminPassword      the gateway's {@code TRADINGBOT_ADMIN_PASSWORD}; null generates one per start
 * @param logDir             one log file per process ({@code gateway.log}, ...); null: {@code <repoRoot>/.run/logs}
 * @param simulatorArgs      extra {@code -D} arguments for the simulator JVM, e.g. {@code -Dsim.seed=42},
 *                           {@code -Dsim.clock.speed=0}
 * @param serviceEnvironment extra environment per module ({@code "risk-service" -> {"RISK_DEFAULTS_MAX_LEVERAGE": "2"}}),
 *                           applied last, so it can override the stack's wiring
 * @param repoRoot           the folder with the root pom and the module folders; null: the system property
 *                           {@code localstack.repo-root}, else found by walking up from the working directory
 * @param live               real Bitfinex instead of the simulator: keys from the environment, real money
 * @param readyTimeout       how long each process may take to report ready
 * @param kafkaDataDir       where the broker keeps its data; null: a temporary folder removed on close (the simulator
 *                           starts from scratch on every run, so the topics do too)
 * @param jvmArgs            JVM arguments for every process (services and simulator), after the services' sizing
 * @param serviceJvm         how the services' JVMs are sized (heap, GC, JIT, class archive); {@link #defaults()}
 *                           {@link ServiceJvm#SIZED_WITH_CLASS_ARCHIVE}, {@link #forTests()} {@link ServiceJvm#SIZED}
 */
public record LocalStackOptions(boolean freePorts, int portOffset, boolean authRequired, String adminPassword,
                                Path logDir, List<String> simulatorArgs,
                                Map<String, Map<String, String>> serviceEnvironment, Path repoRoot, boolean live,
                                Duration readyTimeout, Path kafkaDataDir, List<String> jvmArgs,
                                ServiceJvm serviceJvm) {

    public LocalStackOptions {
        Objects.requireNonNull(serviceJvm, "serviceJvm");
        simulatorArgs = List.copyOf(simulatorArgs);
        jvmArgs = List.copyOf(jvmArgs);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        serviceEnvironment.forEach((module, env) -> {
            StackService.ofModule(module); // a typo in a module name fails here, not silently
            copy.put(module, Map.copyOf(env));
        });
        serviceEnvironment = Map.copyOf(copy);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (portOffset < 0 || portOffset > 50_000) {
            throw new IllegalArgumentException("portOffset must be between 0 and 50000: " + portOffset);
        }
    }

    /** A local run: fixed ports, auth required, a generated admin password, logs under {@code .run/logs}. */
    public static LocalStackOptions defaults() {
        return builder().build();
    }

    /**
     * Tests and benchmarks: free ports, the simulator seeded with 42, logs under {@code localstack.log-dir} (the
     * module's {@code target/stack-logs}) in a folder per start.
     */
    public static LocalStackOptions forTests() {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path base = Paths.get(System.getProperty("localstack.log-dir", "target/stack-logs"));
        // No class archive: two stacks of one checkout (parallel test runs) would write the same archive file.
        return builder().freePorts(true).simulatorArgs(List.of("-Dsim.seed=42")).logDir(base.resolve(runId))
                .serviceJvm(ServiceJvm.SIZED).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.freePorts = freePorts;
        b.portOffset = portOffset;
        b.authRequired = authRequired;
        b.adminPassword = adminPassword;
        b.logDir = logDir;
        b.simulatorArgs = simulatorArgs;
        b.serviceEnvironment = new HashMap<>(serviceEnvironment);
        b.repoRoot = repoRoot;
        b.live = live;
        b.readyTimeout = readyTimeout;
        b.kafkaDataDir = kafkaDataDir;
        b.jvmArgs = jvmArgs;
        b.serviceJvm = serviceJvm;
        return b;
    }

    public LocalStackOptions withFreePorts(boolean value) {
        return toBuilder().freePorts(value).build();
    }

    public LocalStackOptions withPortOffset(int value) {
        return toBuilder().portOffset(value).build();
    }

    public LocalStackOptions withAuthRequired(boolean value) {
        return toBuilder().authRequired(value).build();
    }

    public LocalStackOptions withAdminPassword(String value) {
        return toBuilder().adminPassword(value).build();
    }

    public LocalStackOptions withLogDir(Path value) {
        return toBuilder().logDir(value).build();
    }

    public LocalStackOptions withSimulatorArgs(List<String> value) {
        return toBuilder().simulatorArgs(value).build();
    }

    /** Adds (or replaces) environment variables of one service, keeping those of the others. */
    public LocalStackOptions withServiceEnvironment(String module, Map<String, String> environment) {
        return toBuilder().serviceEnvironment(module, environment).build();
    }

    public LocalStackOptions withRepoRoot(Path value) {
        return toBuilder().repoRoot(value).build();
    }

    public LocalStackOptions withLive(boolean value) {
        return toBuilder().live(value).build();
    }

    public LocalStackOptions withReadyTimeout(Duration value) {
        return toBuilder().readyTimeout(value).build();
    }

    public LocalStackOptions withKafkaDataDir(Path value) {
        return toBuilder().kafkaDataDir(value).build();
    }

    public LocalStackOptions withJvmArgs(List<String> value) {
        return toBuilder().jvmArgs(value).build();
    }

    public LocalStackOptions withServiceJvm(ServiceJvm value) {
        return toBuilder().serviceJvm(value).build();
    }

    /** The repository root this stack runs from: {@link #repoRoot()} if set, else found (see there). */
    public Path resolvedRepoRoot() {
        if (repoRoot != null) {
            return repoRoot.toAbsolutePath().normalize();
        }
        String property = System.getProperty("localstack.repo-root");
        if (property != null && !property.isBlank()) {
            return Paths.get(property).toAbsolutePath().normalize();
        }
        return findRepoRoot(Paths.get("").toAbsolutePath());
    }

    /** The folder above {@code start} (or {@code start} itself) holding the root pom: the one that lists modules. */
    static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom)) {
                    String text = Files.readString(pom);
                    if (text.contains("<artifactId>tradingbot-parent</artifactId>") && text.contains("<modules>")) {
                        return dir;
                    }
                }
            } catch (java.io.IOException e) {
                // unreadable: keep walking up
            }
        }
        throw new IllegalStateException("Cannot find the TradingBot repository (the folder with the root pom.xml) above "
                + start + ": run from inside the repository or set the repo root (-Dlocalstack.repo-root=...).");
    }

    public static final class Builder {
        private boolean freePorts;
        private int portOffset;
        private boolean authRequired = true;
        private String adminPassword;
        private Path logDir;
        private List<String> simulatorArgs = List.of();
        private Map<String, Map<String, String>> serviceEnvironment = new HashMap<>();
        private Path repoRoot;
        private boolean live;
        private Duration readyTimeout = Duration.ofSeconds(300);
        private Path kafkaDataDir;
        private List<String> jvmArgs = List.of();
        private ServiceJvm serviceJvm = ServiceJvm.SIZED_WITH_CLASS_ARCHIVE;

        private Builder() {
        }

        public Builder freePorts(boolean value) {
            this.freePorts = value;
            return this;
        }

        public Builder portOffset(int value) {
            this.portOffset = value;
            return this;
        }

        public Builder authRequired(boolean value) {
            this.authRequired = value;
            return this;
        }

        public Builder adminPassword(String value) {
            this.adminPassword = value;
            return this;
        }

        public Builder logDir(Path value) {
            this.logDir = value;
            return this;
        }

        public Builder simulatorArgs(List<String> value) {
            this.simulatorArgs = List.copyOf(value);
            return this;
        }

        /** Adds (or replaces) environment variables of one service ({@code "risk-service"}). */
        public Builder serviceEnvironment(String module, Map<String, String> environment) {
            Map<String, String> merged = new LinkedHashMap<>(serviceEnvironment.getOrDefault(module, Map.of()));
            merged.putAll(environment);
            serviceEnvironment.put(module, merged);
            return this;
        }

        public Builder serviceEnvironment(Map<String, Map<String, String>> value) {
            this.serviceEnvironment = new HashMap<>(value);
            return this;
        }

        public Builder repoRoot(Path value) {
            this.repoRoot = value;
            return this;
        }

        public Builder live(boolean value) {
            this.live = value;
            return this;
        }

        public Builder readyTimeout(Duration value) {
            this.readyTimeout = value;
            return this;
        }

        public Builder kafkaDataDir(Path value) {
            this.kafkaDataDir = value;
            return this;
        }

        public Builder jvmArgs(List<String> value) {
            this.jvmArgs = List.copyOf(value);
            return this;
        }

        public Builder serviceJvm(ServiceJvm value) {
            this.serviceJvm = value;
            return this;
        }

        public LocalStackOptions build() {
            return new LocalStackOptions(freePorts, portOffset, authRequired, adminPassword, logDir, simulatorArgs,
                    serviceEnvironment, repoRoot, live, readyTimeout, kafkaDataDir, jvmArgs, serviceJvm);
        }
    }
}
