package io.tradingbot.localstack;

import java.util.Arrays;
import java.util.List;

/**
 * The six services of the stack: their module folder (where {@code target/quarkus-app/quarkus-run.jar} is), their port
 * in a default run, and the environment variable through which the others (the gateway, strategy-service,
 * order-service) find them.
 */
public enum StackService {
    MARKET_DATA("market-data-service", 8081, "MARKET_DATA_URL", 96, 24),
    STRATEGY("strategy-service", 8082, "STRATEGY_URL", 128, 0),
    RISK("risk-service", 8083, "RISK_URL", 96, 0),
    ORDER("order-service", 8084, "ORDER_URL", 96, 0),
    ACCOUNT("account-service", 8085, "ACCOUNT_URL", 96, 0),
    GATEWAY("gateway", 8080, null, 96, 0);

    /** Port of the exchange simulator in a default run. */
    public static final int SIMULATOR_PORT = 8090;
    /** Client and controller ports of the Kafka broker in a default run. */
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;

    private final String module;
    private final int defaultPort;
    private final String urlVariable;
    private final int maxHeapMb;
    private final int youngGenerationMb;

    StackService(String module, int defaultPort, String urlVariable, int maxHeapMb, int youngGenerationMb) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.urlVariable = urlVariable;
        this.maxHeapMb = maxHeapMb;
        this.youngGenerationMb = youngGenerationMb;
    }

    /** The module folder and the name used in logs and {@link LocalStack#serviceUrl(String)}, e.g. {@code risk-service}. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** e.g. {@code RISK_URL}; null for the gateway, which nobody calls. */
    public String urlVariable() {
        return urlVariable;
    }

    /** The heap it is given by {@link ServiceJvm#SIZED}: its bar series, fan-out queues or caches fit with room. */
    public int maxHeapMb() {
        return maxHeapMb;
    }

    /**
     * A fixed young generation with survivor spaces of a sixth of it each, or 0 for the JVM's (a third of the heap,
     * 10 MB at first, survivor spaces of a tenth). market-data: under the exchange feed what survived a young collection
     * (its records in flight to Kafka) overflowed 1 MB survivor spaces into the old generation, which filled with them,
     * and the first full collection grew the heap to 90 MB (docs/benchmarks.md, 2026-11-27 late night). 16 MB held them
     * with C2; on C1 only, at 40,000 updates/s, they overflowed 2.7 MB survivor spaces again, and 24 MB holds them
     * (2026-11-28).
     */
    public int youngGenerationMb() {
        return youngGenerationMb;
    }

    public static StackService ofModule(String module) {
        return Arrays.stream(values()).filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module + " in the stack; known: "
                        + modules()));
    }

    public static List<String> modules() {
        return Arrays.stream(values()).map(StackService::module).toList();
    }
}
