package io.tradingbot.account.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.events.Topics;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedules: the reconciliation finds drift nobody asked about, repairs it, logs it and counts it; a quiet account is
 * published again every interval.
 */
@QuarkusTest
@TestProfile(PeriodicReconciliationTest.EveryTwoSeconds.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = SimulatorResource.class,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "sim.clock.speed", value = "0"))
class PeriodicReconciliationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class EveryTwoSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("account.reconcile-interval", "PT2S", "account.snapshot-interval", "PT1S");
        }
    }

    @InjectSimulator
    SimulatorProcess sim;

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Test
    void aQuietAccountIsPublishedAgainSoThatItsReadersKeepTrustingIt() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(exchangeWallets()));
        Map<String, BigDecimal> wallets = exchangeWallets();
        // Nothing trades: without the interval, no snapshot would come, and risk-service stops trusting the last one
        // after risk.max-snapshot-age.
        List<JsonNode> snapshots = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "quiet-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ACCOUNT_SNAPSHOTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    snapshots.add(read(record.value()));
                }
            }
        }
        assertThat(snapshots).as("snapshots of a quiet account in 5 s, one a second").hasSizeGreaterThanOrEqualTo(3);
        assertThat(snapshots).allSatisfy(s -> assertThat(walletsOf(s.path("wallets"))).isEqualTo(wallets));
        assertThat(snapshots).extracting(s -> s.path("mts").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(exchangeWallets()).as("nothing traded meanwhile").isEqualTo(wallets);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void driftIsRepairedOnScheduleAndCounted() {
        Duration settle = Duration.ofSeconds(20);
        await().atMost(settle).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(exchangeWallets()));
        // several reconciliations have run over a book built from events: none of them may cry drift
        await().pollDelay(Duration.ofSeconds(5)).atMost(settle).until(() -> true);
        assertThat(driftCounted()).isZero();

        try (BitfinexRestClient exchange = new BitfinexRestClient(BitfinexClientConfig.builder().baseUrl(sim.baseUrl())
                .credentials(sim.apiKey(), sim.apiSecret()).build())) {
            exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.01"))
                    .build());
        }
        Map<String, BigDecimal> traded = exchangeWallets();
        await().atMost(settle).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(traded));

        // the exchange goes back to its seed without a channel-0 event; nobody calls /account/refresh
        sim.call("POST", "/sim/reset", null, 0);
        Map<String, BigDecimal> reset = exchangeWallets();
        assertThat(reset).isNotEqualTo(traded);
        await().atMost(settle).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(reset));
        assertThat(driftCounted()).isGreaterThanOrEqualTo(1);
    }

    private Map<String, BigDecimal> serviceWallets() {
        try {
            return walletsOf(JSON.readTree(RestAssured.get("/account/wallets").then().statusCode(200).extract().asString()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, BigDecimal> exchangeWallets() {
        return walletsOf(sim.account("paper").path("wallets"));
    }

    private static Map<String, BigDecimal> walletsOf(JsonNode wallets) {
        Map<String, BigDecimal> out = new TreeMap<>();
        wallets.forEach(w -> out.put(w.path("type").asText() + ":" + w.path("currency").asText(),
                new BigDecimal(w.path("balance").asText()).stripTrailingZeros()));
        return out;
    }

    private static double driftCounted() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return Prometheus.sum(metrics, "account_reconciliation_drift_total");
    }
}
