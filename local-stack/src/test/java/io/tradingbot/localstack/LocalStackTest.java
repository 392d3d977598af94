package io.tradingbot.localstack;

import io.tradingbot.kafka.testkit.Prometheus;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole stack on free ports: every process ready, wired (a token from the admin password, the risk limits through
 * the gateway, the account-service reading the paper account with its own key), then closed with no process left.
 */
class LocalStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsEveryServiceWiredTogetherAndStopsThemAll() throws Exception {
        Map<String, ProcessHandle> processes;
        List<Path> keyFiles;
        try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
            processes = stack.processes();
            assertThat(processes.keySet()).containsExactlyInAnyOrder("exchange-simulator", "market-data-service",
                    "strategy-service", "risk-service", "order-service", "account-service", "gateway");
            assertThat(processes.values()).allMatch(ProcessHandle::isAlive);
            for (String module : StackService.modules()) {
                assertThat(get(stack.serviceUrl(module) + "/q/health/ready", null).statusCode()).as(module).isEqualTo(200);
                assertThat(Files.size(stack.logDir().resolve(module + ".log"))).as(module + " log").isPositive();
                // Sized JVMs (ServiceJvm.SIZED): the heap each may grow to, as its own metrics say; C1 only.
                double maxHeap = Prometheus.sum(get(stack.serviceUrl(module) + "/q/metrics", null).body(),
                        "jvm_memory_max_bytes", "area=\"heap\"");
                StackService service = StackService.ofModule(module);
                assertThat(maxHeap).as(module + " max heap").isPositive()
                        .isLessThanOrEqualTo(service.maxHeapMb() * 1024.0 * 1024.0);
                assertThat(processes.get(module).info().arguments().map(List::of).orElseThrow()).as(module)
                        .contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            }

            // The simulator too: left to itself it took a quarter of the machine's memory as its heap ceiling.
            assertThat(Prometheus.sum(get(stack.simulatorUrl() + "/q/metrics", null).body(), "jvm_memory_max_bytes",
                    "area=\"heap\"")).as("simulator max heap").isPositive()
                    .isLessThanOrEqualTo(ServiceJvm.SIMULATOR_MAX_HEAP_MB * 1024.0 * 1024.0);

            // Through the gateway: a token from the admin password, then risk-service's limits.
            assertThat(get(stack.gatewayUrl() + "/api/v2/risk/limits", null).statusCode()).isEqualTo(401);
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                            + "/api/v2/auth/ws-token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin",
                            "password", stack.adminPassword())))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String token = JSON.readTree(login.body()).path("token").asText();
            HttpResponse<String> limits = get(stack.gatewayUrl() + "/api/v2/risk/limits", token);
            assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
            assertThat(JSON.readTree(limits.body()).has("max_position_size")).isTrue();

            // Signed with the keys the launcher made for this run (owner-only files), not a pair of the gateway's own.
            keyFiles = stack.gatewayTokenKeys().values().stream().map(Path::of).toList();
            assertThat(keyFiles).hasSize(2).allSatisfy(file ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
            assertThat(signedBy(token, Path.of(stack.gatewayTokenKeys().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))))
                    .as("token verifies with the stack's public key").isTrue();

            // order-service and account-service each sign with a key of their own, on the same paper account.
            assertThat(stack.bitfinexCredentials("order-service").apiKey())
                    .isNotEqualTo(stack.bitfinexCredentials("account-service").apiKey())
                    .isNotEqualTo(stack.paperAccount().apiKey());
            JsonNode paper = stack.simulator().account(LocalStack.PAPER_ACCOUNT);
            JsonNode wallets = JSON.readTree(get(stack.serviceUrl("account-service") + "/account/wallets", null).body());
            assertThat(wallets.size()).isEqualTo(paper.get("wallets").size());
            assertThat(wallets.toString()).contains("\"balance\":\"10000\"");
            assertThat(get(stack.serviceUrl("order-service") + "/orders", null).statusCode()).isEqualTo(200);

            assertThat(stack.kafkaBootstrapServers()).startsWith("127.0.0.1:");
            assertThat(stack.gatewayWebSocketUrl()).startsWith("ws://127.0.0.1:").endsWith("/api/v2/ws");
        }
        assertThat(processes).allSatisfy((name, process) -> assertThat(process.isAlive()).as(name).isFalse());
        assertThat(keyFiles).as("token signing keys deleted with the stack").noneMatch(Files::exists);
    }

    @Test
    void refusesFixedPortsInUseBeforeStartingAnything() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            int offset = busy.getLocalPort() - StackService.GATEWAY.defaultPort();
            Assumptions.assumeTrue(offset >= 0 && offset <= 50_000, "the free port is below 8080");
            List<ProcessHandle> before = ProcessHandle.current().children().toList();
            assertThatThrownBy(() -> LocalStack.start(LocalStackOptions.forTests().withFreePorts(false)
                    .withPortOffset(offset)))
                    // the other ports of the offset are in the ephemeral range too, and may be some socket's now
                    .hasMessageStartingWith("Ports in use: ").hasMessageContaining(busy.getLocalPort() + " (gateway)")
                    .hasMessageContaining("--port-offset");
            assertThat(ProcessHandle.current().children().toList()).isEqualTo(before);
        }
    }

    /** RS256: the signature over "header.payload" checks out with the public key in this PEM file. */
    private static boolean signedBy(String jwt, Path publicKeyPem) throws Exception {
        String pem = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----|\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        String[] parts = jwt.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
