package io.tradingbot.benchmarks.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk price driver against the packaged simulator (a process of its own) over real HTTP. */
class PriceDriverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SYMBOLS = SimMarkets.symbols(3);
    private static SimulatorProcess simulator;

    @BeforeAll
    static void start() {
        // clock stopped: only the driver moves prices
        simulator = SimulatorProcess.start(SimMarkets.simulatorArgs(SYMBOLS, 0));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void bodiesCycleEachSymbolThroughThreePricesRoundRobin() throws Exception {
        try (PriceDriver driver = new PriceDriver("http://unused", SYMBOLS, 1, 10)) {
            JsonNode first = JSON.readTree(driver.body(4));
            JsonNode next = JSON.readTree(driver.body(5));
            assertThat(first.size()).isEqualTo(4);
            assertThat(next.size()).isEqualTo(5);
            StringBuilder seen = new StringBuilder();
            for (JsonNode batch : List.of(first, next)) {
                batch.forEach(u -> seen.append(u.get("symbol").asText()).append('=').append(u.get("price").asText())
                        .append(' '));
            }
            assertThat(seen.toString().trim()).isEqualTo("tA00USD=99.9 tA01USD=99.9 tA02USD=99.9 tA00USD=100 "
                    + "tA01USD=100 tA02USD=100 tA00USD=100.1 tA01USD=100.1 tA02USD=100.1");
        }
    }

    @Test
    void updatesGoOutInBulkRequestsAndAreAllAcknowledged() throws Exception {
        try (PriceDriver driver = new PriceDriver(simulator.baseUrl(), SYMBOLS, 4, 20)) {
            UpdateSource.Outcome outcome = driver.drive(5_000, Duration.ofSeconds(2));
            assertThat(outcome.sent()).isEqualTo(10_000);
            assertThat(outcome.ok()).isEqualTo(10_000);
            assertThat(outcome.failed()).isZero();
            // one request per ~20 ms rather than one per update
            assertThat(driver.requests()).isBetween(20L, 300L);
            assertThat(outcome.achievedPerSecond()).isGreaterThan(4_000);
            // the last update of each symbol applied: tA00USD's is update 9,999 (its 3,334th → price index 3,333 % 3 = 0),
            // tA02USD's is update 9,998 (its 3,333rd → price index 3,332 % 3 = 2)
            assertThat(lastPrice("tA00USD")).isEqualTo("99.9");
            assertThat(lastPrice("tA02USD")).isEqualTo("100.1");
        }
    }

    @Test
    void aRefusedBodyCountsAsFailed() throws Exception {
        try (PriceDriver driver = new PriceDriver(simulator.baseUrl(), List.of("tNOPEUSD"), 2, 10)) {
            UpdateSource.Outcome outcome = driver.drive(1_000, Duration.ofMillis(500));
            assertThat(outcome.sent()).isEqualTo(500);
            assertThat(outcome.ok()).isZero();
            assertThat(outcome.failed()).isEqualTo(500);
        }
    }

    private static String lastPrice(String symbol) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v2/ticker/" + symbol))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readTree(body).get(6).asText();
        }
    }
}
