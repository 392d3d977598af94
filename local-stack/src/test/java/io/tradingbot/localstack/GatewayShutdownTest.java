package io.tradingbot.localstack;

import com.sun.net.httpserver.HttpServer;
import io.tradingbot.gateway.ws.EventStream;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.simulator.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged gateway on SIGTERM, with WebSocket clients connected and a request in flight: the clients are told it is
 * going away (1001), a new client is turned away (503), the request still gets its answer, and the process exits once
 * that answer is out rather than after the whole drain timeout (a connected WebSocket used to hold it for 30 s).
 */
class GatewayShutdownTest {
    private static final Duration UPSTREAM_DELAY = Duration.ofSeconds(3);
    private static final String TICKER = "{\"symbol\":\"tBTCUSD\",\"last_price\":\"100.5\"}";

    @Test
    void clientsAreToldToGoAndTheRequestInFlightIsAnsweredBeforeTheProcessExits() throws Exception {
        HttpServer slowMarketData = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowMarketData.setExecutor(Executors.newCachedThreadPool());
        CountDownLatch upstreamAsked = new CountDownLatch(1);
        slowMarketData.createContext("/market/tBTCUSD/ticker", exchange -> {
            upstreamAsked.countDown();
            sleep(UPSTREAM_DELAY);
            byte[] body = TICKER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slowMarketData.start();
        Path jar = LocalStackOptions.forTests().resolvedRepoRoot().resolve("gateway/target/quarkus-app/quarkus-run.jar");
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
                ServiceProcess gateway = ServiceProcess.builder("gateway", jar)
                        .environment(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "AUTH_REQUIRED", "false",
                                "MARKET_DATA_URL", "http://127.0.0.1:" + slowMarketData.getAddress().getPort()))
                        .start()) {
            List<EventStream> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                EventStream client = EventStream.withQueryToken(gateway.baseUrl(), null);
                client.await("welcome", Duration.ofSeconds(10));
                clients.add(client);
            }
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/api/v2/market/tBTCUSD/ticker")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upstreamAsked.await(10, TimeUnit.SECONDS)).as("the request reached market-data").isTrue();

            long sigterm = System.nanoTime();
            gateway.handle().destroy();

            for (EventStream client : clients) {
                assertThat(client.closeCode().get(10, TimeUnit.SECONDS)).as("close code").isEqualTo(1001);
            }
            // While the request drains, a new WebSocket is turned away rather than cut a moment later.
            assertThatThrownBy(() -> EventStream.withQueryToken(gateway.baseUrl(), null))
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
            HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(TICKER);
            gateway.handle().onExit().get(20, TimeUnit.SECONDS);
            Duration stopping = Duration.ofNanos(System.nanoTime() - sigterm);
            // Well under the 30 s drain timeout: nothing but the one request was waited for.
            assertThat(stopping).as("SIGTERM to exit").isLessThan(UPSTREAM_DELAY.plusSeconds(12));
            assertThat(gateway.logTail()).contains("Waiting up to PT30S for 1 request(s) in flight")
                    .doesNotContain("still in flight");
        } finally {
            slowMarketData.stop(0);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
