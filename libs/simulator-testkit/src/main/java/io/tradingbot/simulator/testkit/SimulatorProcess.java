package io.tradingbot.simulator.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts the packaged exchange simulator ({@code java -jar quarkus-run.jar}) as a process of its own on a free port,
 * with a known paper-account key/secret, waits until it is ready and drives its {@code /sim} admin API. Destroys the
 * process (and its children) on {@link #close()}.
 * <p>
 * The jar is taken from the system property {@code simulator.jar} (set by the module's surefire configuration), else
 * {@code ../exchange-simulator/target/quarkus-app/quarkus-run.jar} or {@code ../../exchange-simulator/...} relative to
 * the working directory. The process log goes to {@code simulator.log.dir} (default {@code target/simulator-logs}).
 */
public final class SimulatorProcess implements AutoCloseable {

    /** System property with the path of the packaged simulator ({@code quarkus-run.jar}). */
    public static final String JAR_PROPERTY = "simulator.jar";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServiceProcess process;
    private final String apiKey;
    private final String apiSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimulatorProcess(ServiceProcess process, String apiKey, String apiSecret) {
        this.process = process;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    /** Starts a simulator with a fixed seed and default settings. */
    public static SimulatorProcess start() {
        return start(List.of("-Dsim.seed=42"));
    }

    /** @param systemProperties extra {@code -Dkey=value} arguments for the simulator JVM */
    public static SimulatorProcess start(List<String> systemProperties) {
        return start(systemProperties, builder -> {
        });
    }

    /**
     * @param systemProperties extra {@code -Dkey=value} arguments for the simulator JVM
     * @param configure        sets what differs from a test run: a fixed port, the log file, a longer wait
     */
    public static SimulatorProcess start(List<String> systemProperties, Consumer<ServiceProcess.Builder> configure) {
        return start(locateJar(), systemProperties, configure);
    }

    /**
     * @param jar              the packaged simulator ({@code quarkus-run.jar})
     * @param systemProperties extra {@code -Dkey=value} arguments for the simulator JVM
     * @param configure        sets what differs from a test run: a fixed port, the log file, a longer wait
     */
    public static SimulatorProcess start(Path jar, List<String> systemProperties,
            Consumer<ServiceProcess.Builder> configure) {
        String key = "it-key-" + UUID.randomUUID();
        String secret = "it-secret-" + UUID.randomUUID();
        ServiceProcess.Builder builder = ServiceProcess.builder("simulator", jar)
                .environment(Map.of("SIM_API_KEY", key, "SIM_API_SECRET", secret))
                .systemProperties(systemProperties);
        configure.accept(builder);
        return new SimulatorProcess(builder.start(), key, secret);
    }

    /** The packaged simulator this JVM would start: {@code -Dsimulator.jar}, else next to the working directory. */
    public static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        List<Path> candidates = configured != null ? List.of(Paths.get(configured))
                // a service module (../exchange-simulator) or a library under libs/ (../../exchange-simulator)
                : List.of(Paths.get("../exchange-simulator/target/quarkus-app/quarkus-run.jar"),
                        Paths.get("../../exchange-simulator/target/quarkus-app/quarkus-run.jar"));
        for (Path candidate : candidates) {
            Path jar = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("The exchange simulator is not packaged: " + candidates.stream()
                .map(p -> p.toAbsolutePath().normalize().toString()).toList() + " does not exist. Build it first: "
                + "`mvn -pl exchange-simulator -am install -DskipTests` (or set -D" + JAR_PROPERTY + "=<quarkus-run.jar>).");
    }

    public String logTail() {
        return process.logTail();
    }

    /** The simulator's process, e.g. to check it is gone after {@link #close()}. */
    public ServiceProcess process() {
        return process;
    }

    public int port() {
        return process.port();
    }

    /** {@code http://127.0.0.1:<port>}: REST under {@code /v2}, WebSocket at {@code /ws/2}. */
    public String baseUrl() {
        return process.baseUrl();
    }

    /** Key of the default {@code paper} account. */
    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    // ---------------------------------------------------------------- admin API (/sim)

    /** Credentials of an account created through the admin API. */
    public record Credentials(String name, String apiKey, String apiSecret) {
        @Override
        public String toString() {
            return "Credentials[" + name + "]";
        }
    }

    /** A wallet to fund a new account with (balance as a decimal string). */
    public record WalletSpec(String type, String currency, String balance) {
    }

    public Credentials createAccount(String name, List<String> permissions, List<WalletSpec> wallets) {
        List<Map<String, String>> walletBodies = wallets.stream()
                .map(w -> Map.of("type", w.type(), "currency", w.currency(), "balance", w.balance())).toList();
        JsonNode node = call("POST", "/sim/accounts", Map.of("name", name, "permissions", permissions, "wallets",
                walletBodies), 201);
        return new Credentials(node.path("name").asText(), node.path("api_key").asText(), node.path("api_secret").asText());
    }

    /**
     * Another API key on an existing account ({@code POST /sim/accounts/{name}/keys}), with its own secret and nonce
     * counter, so two processes can sign for one account.
     */
    public Credentials createKey(String account, List<String> permissions) {
        JsonNode node = call("POST", "/sim/accounts/" + account + "/keys", Map.of("permissions", permissions), 201);
        return new Credentials(node.path("name").asText(), node.path("api_key").asText(), node.path("api_secret").asText());
    }

    public JsonNode account(String name) {
        return call("GET", "/sim/accounts/" + name, null, 200);
    }

    public void setPrice(String symbol, String price) {
        call("PUT", "/sim/market/" + symbol + "/price", Map.of("price", price), 0);
    }

    public void advanceClock(long millis) {
        call("POST", "/sim/clock/advance", Map.of("millis", millis), 0);
    }

    public void dropWebSockets() {
        call("POST", "/sim/faults/ws-drop", null, 0);
    }

    public void httpFault(int status, int count, String pathPrefix) {
        call("POST", "/sim/faults/http", Map.of("status", status, "count", count, "path_prefix", pathPrefix), 0);
    }

    /** As {@link #httpFault(int, int, String)}, answering Bitfinex error {@code code} (10100: a key refused for good). */
    public void httpFault(int status, int code, int count, String pathPrefix) {
        call("POST", "/sim/faults/http", Map.of("status", status, "code", code, "count", count, "path_prefix", pathPrefix), 0);
    }

    public void latency(long millis) {
        call("POST", "/sim/faults/latency", Map.of("millis", millis), 0);
    }

    public void maintenance(boolean active) {
        call("POST", "/sim/maintenance", Map.of("active", active), 0);
    }

    public void clearFaults() {
        call("DELETE", "/sim/faults", null, 0);
    }

    /** The simulator clock in epoch ms ({@code GET /sim/clock}). */
    public long now() {
        return call("GET", "/sim/clock", null, 200).path("now").asLong();
    }

    /**
     * A public Bitfinex REST read, e.g. {@code publicGet("/v2/candles/trade:1m:tBTCUSD/hist?limit=5")}, as the raw JSON
     * array, so a test can compare what a service published with what the exchange says.
     */
    public JsonNode publicGet(String pathAndQuery) {
        return call("GET", pathAndQuery, null, 200);
    }

    /** Sends an admin request; {@code expectedStatus} 0 accepts any 2xx. */
    public JsonNode call(String method, String path, Object body, int expectedStatus) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            boolean ok = expectedStatus == 0 ? status / 100 == 2 : status == expectedStatus;
            if (!ok) {
                throw new IllegalStateException("simulator admin " + method + " " + path + " answered " + status + ": "
                        + response.body());
            }
            return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("simulator admin " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.close();
        http.close();
    }
}
