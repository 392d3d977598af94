package io.tradingbot.account.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.tradingbot.simulator.testkit.SimulatorResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tradingbot.account.service.ExchangeReader;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * account-service against the real exchange simulator (its own process, frozen clock) and a real Kafka broker: trades
 * placed on the exchange by the test must show up in the service's REST API and on Kafka, exactly as the exchange
 * reports them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = SimulatorResource.class,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "sim.clock.speed", value = "0"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @InjectSimulator
    SimulatorProcess sim;

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    private BitfinexRestClient exchange;

    @BeforeEach
    void connect() {
        // the paper account's key, as a trader next to the service would use it (same JVM, so nonces stay ordered)
        exchange = new BitfinexRestClient(BitfinexClientConfig.builder().baseUrl(sim.baseUrl())
                .credentials(sim.apiKey(), sim.apiSecret()).build());
    }

    @AfterEach
    void close() {
        exchange.close();
    }

    @Test
    @Order(1)
    void startsWithTheExchangesWalletsAndValuesThemInUsd() {
        await().atMost(SETTLE).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(exchangeWallets()));

        JsonNode tickers = sim.publicGet("/v2/tickers?symbols=tBTCUSD,tTESTBTC:TESTUSD");
        BigDecimal btc = lastPrice(tickers, "tBTCUSD");
        BigDecimal testBtc = lastPrice(tickers, "tTESTBTC:TESTUSD");
        BigDecimal expected = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> w : exchangeWallets().entrySet()) {
            String currency = w.getKey().substring(w.getKey().indexOf(':') + 1);
            BigDecimal rate = switch (currency) {
                case "USD", "TESTUSD" -> BigDecimal.ONE;
                case "BTC" -> btc;
                case "TESTBTC" -> testBtc;
                default -> throw new AssertionError("unexpected wallet " + w.getKey());
            };
            expected = expected.add(w.getValue().multiply(rate));
        }
        JsonNode summary = get("/account/summary");
        assertThat(decimal(summary, "total_balance_usd")).isEqualByComparingTo(expected);
        assertThat(summary.path("open_positions").asInt()).isZero();
        assertThat(summary.path("margin_status").asText()).isEqualTo("NONE");
        assertThat(summary.path("margin_level").isNull()).isTrue();
        assertThat(decimal(summary, "leverage")).isEqualByComparingTo("0");
    }

    @Test
    @Order(2)
    void anExchangeTradeReachesTheWalletsTheSummaryAndKafka() {
        Map<String, BigDecimal> before = exchangeWallets();
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.01")).build());

        Map<String, BigDecimal> after = exchangeWallets();
        assertThat(after.get("exchange:BTC")).isGreaterThan(before.get("exchange:BTC"));
        assertThat(after.get("exchange:USD")).isLessThan(before.get("exchange:USD"));
        await().atMost(SETTLE).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(after));

        // the last snapshot on Kafka holds the new wallets, keyed by the account
        await().atMost(SETTLE).untilAsserted(() -> {
            ConsumerRecord<String, String> last = lastRecord(Topics.ACCOUNT_SNAPSHOTS);
            assertThat(last).isNotNull();
            assertThat(last.key()).isEqualTo("paper");
            JsonNode snapshot = JSON.readTree(last.value());
            assertThat(walletsOf(snapshot.path("wallets"))).isEqualTo(after);
            assertThat(snapshot.path("summary").path("total_balance_usd").asText()).isNotBlank();
        });

        // and the raw wallet events crossed exchange.private.v1 with their decoded fields
        List<ConsumerRecord<String, String>> privates = records(Topics.EXCHANGE_PRIVATE);
        assertThat(privates).anySatisfy(r -> {
            JsonNode event = JSON.readTree(r.value());
            assertThat(event.path("code").asText()).isEqualTo("wu");
            assertThat(event.path("account").asText()).isEqualTo("paper");
            assertThat(event.path("raw").isArray()).isTrue();
            assertThat(event.path("fields").path("currency").asText()).isEqualTo("BTC");
            assertThat(new BigDecimal(event.path("fields").path("balance").asText()))
                    .isEqualByComparingTo(after.get("exchange:BTC"));
        });
    }

    @Test
    @Order(3)
    void aMarginPositionsProfitAndLossIsTheSimulatorsOwn() {
        exchange.submitOrder(OrderRequest.builder(OrderType.MARKET, "tBTCUSD", new BigDecimal("0.01")).build());
        JsonNode simPosition = sim.account("paper").path("positions").get(0);
        assertThat(simPosition).isNotNull();
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode positions = get("/account/positions");
            assertThat(positions).hasSize(1);
            assertThat(positions.get(0).path("symbol").asText()).isEqualTo("tBTCUSD");
            assertThat(decimal(positions.get(0), "amount")).isEqualByComparingTo(decimal(simPosition, "amount"));
            assertThat(decimal(positions.get(0), "base_price")).isEqualByComparingTo(decimal(simPosition, "base_price"));
        });

        // the price moves; the exchange sends no event for that, its P/L is re-read over REST
        BigDecimal up = decimal(simPosition, "base_price").multiply(new BigDecimal("1.02")).setScale(0, RoundingMode.DOWN);
        sim.setPrice("tBTCUSD", up.toPlainString());
        JsonNode refresh = post("/account/refresh?scope=all", 200);
        assertThat(refresh.path("drift")).as("a price move is not drift").isEmpty();

        BigDecimal simPl = decimal(sim.account("paper").path("positions").get(0), "pl");
        assertThat(simPl).isPositive();
        assertThat(decimal(get("/account/positions").get(0), "profit_loss")).isEqualByComparingTo(simPl);
        JsonNode summary = get("/account/summary");
        assertThat(decimal(summary, "unrealized_pl")).isEqualByComparingTo(simPl);
        assertThat(summary.path("open_positions").asInt()).isEqualTo(1);
        assertThat(summary.path("margin_status").asText()).isEqualTo("HEALTHY");
        assertThat(decimal(summary, "margin_level")).isGreaterThan(new BigDecimal("2"));
        assertThat(decimal(summary, "leverage")).isPositive();
        // valued at the current ticker (read again once the cached one is older than account.ticker-max-age)
        BigDecimal exposure = new BigDecimal("0.01").multiply(lastPrice(sim.publicGet("/v2/tickers?symbols=tBTCUSD"),
                "tBTCUSD"));
        await().atMost(SETTLE).untilAsserted(() -> assertThat(decimal(get("/account/summary"), "total_position_value"))
                .isEqualByComparingTo(exposure));

        // closing it: channel 0 says pc, the summary has no position left
        exchange.submitOrder(OrderRequest.builder(OrderType.MARKET, "tBTCUSD", new BigDecimal("-0.01"))
                .reduceOnly().build());
        assertThat(sim.account("paper").path("positions")).isEmpty();
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode closed = get("/account/summary");
            assertThat(closed.path("open_positions").asInt()).isZero();
            assertThat(closed.path("margin_status").asText()).isEqualTo("NONE");
        });
        assertThat(get("/account/positions")).isEmpty();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(exchangeWallets()));

        // the position's life crossed exchange.private.v1 keyed by its symbol, margin info and balance by the account
        List<ConsumerRecord<String, String>> privates = records(Topics.EXCHANGE_PRIVATE);
        assertThat(codes(privates, "tBTCUSD")).contains("pn", "pc");
        assertThat(codes(privates, "paper")).contains("miu", "bu", "ws", "wu");
        assertThat(privates).anySatisfy(r -> {
            JsonNode event = JSON.readTree(r.value());
            assertThat(event.path("code").asText()).isEqualTo("pn");
            assertThat(event.path("symbol").asText()).isEqualTo("tBTCUSD");
            assertThat(new BigDecimal(event.path("fields").path("amount").asText())).isEqualByComparingTo("0.01");
        });
    }

    @Test
    @Order(4)
    void aWebSocketDroppedMidTradeLosesAndDoublesNothing() {
        double driftBefore = driftCount("wallets") + driftCount("positions") + driftCount("margin");
        double runsBefore = metric("account_reconciliation_runs_total");
        double reconnectsBefore = metric("tradingbot_exchange_ws_reconnects_total");
        sim.dropWebSockets();
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("-0.005")).build());
        Map<String, BigDecimal> afterDrop = exchangeWallets();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(afterDrop));
        await().atMost(SETTLE).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));

        // channel 0 is followed again: the next trade arrives without any REST read
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.002")).build());
        Map<String, BigDecimal> afterResync = exchangeWallets();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(afterResync));
        await().atMost(SETTLE).untilAsserted(() -> assertThat(walletsOf(JSON.readTree(
                lastRecord(Topics.ACCOUNT_SNAPSHOTS).value()).path("wallets"))).isEqualTo(afterResync));
        // the snapshots after re-authentication resynced the book: the REST reconciliation that follows found nothing
        await().atMost(SETTLE).until(() -> metric("account_reconciliation_runs_total") > runsBefore);
        assertThat(driftCount("wallets") + driftCount("positions") + driftCount("margin")).isEqualTo(driftBefore);
        // operators see the reopened socket
        assertThat(metric("tradingbot_exchange_ws_reconnects_total")).isGreaterThan(reconnectsBefore);
    }

    @Test
    @Order(5)
    void anOpenOrderIsInTheSnapshotsWithItsRoleUntilItIsCancelled() {
        BigDecimal farAbove = lastPrice(sim.publicGet("/v2/tickers?symbols=tBTCUSD"), "tBTCUSD").multiply(BigDecimal.TWO)
                .setScale(0, RoundingMode.DOWN);
        long orderId = exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, "tBTCUSD",
                new BigDecimal("-0.001")).price(farAbove).cid(4242L)
                .meta(Map.of("verdict_id", "verdict:test:1", "role", "exit")).build()).order().id();

        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode orders = get("/account/orders");
            assertThat(orders).hasSize(1);
            assertThat(orders.get(0).path("id").asLong()).isEqualTo(orderId);
            assertThat(orders.get(0).path("role").asText()).isEqualTo("exit");
            assertThat(orders.get(0).path("verdict_id").asText()).isEqualTo("verdict:test:1");
            assertThat(decimal(orders.get(0), "amount")).isEqualByComparingTo("-0.001");
            JsonNode snapshot = JSON.readTree(lastRecord(Topics.ACCOUNT_SNAPSHOTS).value());
            assertThat(snapshot.path("orders")).hasSize(1);
            assertThat(snapshot.path("orders").get(0).path("id").asLong()).isEqualTo(orderId);
            assertThat(snapshot.path("orders").get(0).path("role").asText()).isEqualTo("exit");
        });
        assertThat(post("/account/refresh?scope=orders", 200).path("drift")).as("channel 0 had it right").isEmpty();

        exchange.cancelOrder(orderId);
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(get("/account/orders")).isEmpty();
            assertThat(JSON.readTree(lastRecord(Topics.ACCOUNT_SNAPSHOTS).value()).path("orders")).isEmpty();
        });
    }

    @Test
    @Order(6)
    void aRefreshWithAnUnknownScopeIsRefusedWithTheAcceptedOnes() {
        RestAssured.given().post("/account/refresh?scope=everything").then()
                .statusCode(400)
                .body("error", allOf(containsString("scope"), containsString("wallets, positions, margin, orders, all"),
                        containsString("everything")));
        RestAssured.get("/account/nothing").then().statusCode(404).body("status", org.hamcrest.Matchers.equalTo(404));
        assertThat(decimal(get("/account/margin"), "margin_balance")).isEqualByComparingTo(
                decimal(get("/account/summary"), "margin_balance"));
        for (String scope : List.of("wallets", "positions", "margin", "orders", "all")) {
            assertThat(post("/account/refresh?scope=" + scope, 200).path("scope").asText()).isEqualTo(scope);
        }
    }

    @Test
    @Order(7)
    void anExchangeThatCannotBeReadIsABadGatewayNotACrash() {
        sim.httpFault(500, 100, "/v2/auth/r/wallets");
        try {
            RestAssured.given().post("/account/refresh?scope=wallets").then()
                    .statusCode(502)
                    .body("error", allOf(containsString("exchange"), containsString("10000")));
        } finally {
            sim.clearFaults();
        }
        await().atMost(SETTLE).untilAsserted(() -> assertThat(post("/account/refresh?scope=wallets", 200)
                .path("drift")).isEmpty());
        assertThat(serviceWallets()).isEqualTo(exchangeWallets());
    }

    @Test
    @Order(8)
    void aKeyThatCannotReadTheAccountIsRefusedWithTheReason() {
        SimulatorProcess.Credentials writeOnly = sim.createAccount("write-only-" + UUID.randomUUID().toString().substring(0, 8),
                List.of("write"), List.of(new SimulatorProcess.WalletSpec("exchange", "USD", "100")));
        try (BitfinexRestClient client = new BitfinexRestClient(BitfinexClientConfig.builder().baseUrl(sim.baseUrl())
                .credentials(writeOnly.apiKey(), writeOnly.apiSecret()).build())) {
            assertThatThrownBy(() -> new ExchangeReader(client).wallets())
                    .isInstanceOf(ExchangeReader.MissingPermissionException.class)
                    .hasMessageContaining("read permission")
                    .hasMessageContaining("BITFINEX_API_KEY")
                    .message().doesNotContain(writeOnly.apiSecret());
        }
    }

    @Test
    @Order(9)
    void reconciliationRepairsDriftSaysSoAndCountsIt() {
        double countedBefore = driftCount("wallets");
        // a reset rebuilds the exchange from its seed without a single channel-0 event: the book is now wrong
        sim.call("POST", "/sim/reset", null, 0);
        Map<String, BigDecimal> reset = exchangeWallets();
        assertThat(serviceWallets()).isNotEqualTo(reset);

        JsonNode refresh = post("/account/refresh?scope=all", 200);
        assertThat(refresh.path("applied").asBoolean()).isTrue();
        assertThat(refresh.path("drift").toString()).contains("wallet exchange:BTC balance");
        assertThat(serviceWallets()).isEqualTo(reset);
        assertThat(driftCount("wallets")).isEqualTo(countedBefore + 1);
    }

    @Test
    @Order(10)
    void aFilledEntryWithoutItsExitIsInTheSnapshotsUntilItsExitOrItsSaleShows() {
        String verdict = "verdict:test:unexited";
        long entryId = exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD",
                new BigDecimal("0.002")).cid(5151L).meta(entryMeta(verdict)).build()).order().id();

        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode entries = get("/account/filled-entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("id").asLong()).isEqualTo(entryId);
            assertThat(entries.get(0).path("verdict_id").asText()).isEqualTo(verdict);
            assertThat(entries.get(0).path("symbol").asText()).isEqualTo("tBTCUSD");
            assertThat(decimal(entries.get(0), "amount")).isEqualByComparingTo("0.002");
            assertThat(decimal(entries.get(0), "price")).isPositive();
            JsonNode snapshot = JSON.readTree(lastRecord(Topics.ACCOUNT_SNAPSHOTS).value());
            assertThat(snapshot.path("filled_entries")).hasSize(1);
            assertThat(snapshot.path("filled_entries").get(0).path("verdict_id").asText()).isEqualTo(verdict);
        });
        // the account's closed orders over REST say the same as channel 0 did
        assertThat(post("/account/refresh?scope=orders", 200).path("drift")).isEmpty();

        // its exit is on the exchange: the trade no longer waits, and stays settled once the exit ends
        BigDecimal farAbove = lastPrice(sim.publicGet("/v2/tickers?symbols=tBTCUSD"), "tBTCUSD").multiply(BigDecimal.TWO)
                .setScale(0, RoundingMode.DOWN);
        long exitId = exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, "tBTCUSD",
                new BigDecimal("-0.002")).price(farAbove).cid(5152L)
                .meta(Map.of("verdict_id", verdict, "role", "exit")).build()).order().id();
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(get("/account/filled-entries")).isEmpty();
            assertThat(JSON.readTree(lastRecord(Topics.ACCOUNT_SNAPSHOTS).value()).path("filled_entries")).isEmpty();
        });
        exchange.cancelOrder(exitId);
        await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/account/orders")).isEmpty());
        assertThat(post("/account/refresh?scope=orders", 200).path("drift")).isEmpty();
        assertThat(get("/account/filled-entries")).isEmpty();

        // an entry whose trade was sold without an exit (a close) no longer waits either
        String sold = "verdict:test:sold";
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.002"))
                .cid(5153L).meta(entryMeta(sold)).build());
        await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/account/filled-entries").findValuesAsText(
                "verdict_id")).containsExactly(sold));
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("-0.001996"))
                .cid(5154L).meta(Map.of("verdict_id", "verdict:test:close", "role", "close", "closes", sold)).build());
        await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/account/filled-entries")).isEmpty());
        assertThat(post("/account/refresh?scope=orders", 200).path("drift")).isEmpty();

        // a buy placed by hand, or an entry with no exit owed, is no trade waiting for one
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.001"))
                .build());
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("0.001"))
                .meta(Map.of("verdict_id", "verdict:test:no-plan", "role", "entry")).build());
        await().atMost(SETTLE).untilAsserted(() -> assertThat(serviceWallets()).isEqualTo(exchangeWallets()));
        assertThat(post("/account/refresh?scope=orders", 200).path("drift")).isEmpty();
        assertThat(get("/account/filled-entries")).isEmpty();
    }

    @Test
    @Order(11)
    void anEntryCancelledAfterAPartialFillWaitsForAnExitOfWhatFilled() {
        BigDecimal price = lastPrice(sim.publicGet("/v2/tickers?symbols=tBTCUSD"), "tBTCUSD");
        // At 100 the book offers 25 levels of 0.5 BTC: a market buy of 13 takes 12.5 and the exchange cancels the rest.
        sim.setPrice("tBTCUSD", "100");
        try {
            String verdict = "verdict:test:book-emptied";
            long entryId = exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD",
                    new BigDecimal("13")).cid(5161L).meta(entryMeta(verdict)).build()).order().id();
            await().atMost(SETTLE).untilAsserted(() -> {
                JsonNode entries = get("/account/filled-entries");
                assertThat(entries).hasSize(1);
                assertThat(entries.get(0).path("id").asLong()).isEqualTo(entryId);
                assertThat(entries.get(0).path("verdict_id").asText()).isEqualTo(verdict);
                assertThat(decimal(entries.get(0), "amount")).isEqualByComparingTo("12.5");
            });
            // the closed orders over REST say the same
            assertThat(post("/account/refresh?scope=orders", 200).path("drift")).isEmpty();
            assertThat(get("/account/filled-entries").findValuesAsText("verdict_id")).containsExactly(verdict);

            exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, "tBTCUSD", new BigDecimal("-12.475"))
                    .cid(5162L).meta(Map.of("verdict_id", "verdict:test:close-partial", "role", "close", "closes",
                            verdict)).build());
            await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/account/filled-entries")).isEmpty());
        } finally {
            sim.setPrice("tBTCUSD", price.toPlainString());
        }
    }

    private static Map<String, Object> entryMeta(String verdict) {
        return Map.of("verdict_id", verdict, "role", "entry", "take_profit", "1000000", "stop_loss", "1");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode get(String path) throws RuntimeException {
        return read(RestAssured.get(path).then().statusCode(200).extract().asString());
    }

    private static JsonNode post(String path, int status) {
        return read(RestAssured.given().post(path).then().statusCode(status).extract().asString());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        assertThat(value.isMissingNode() || value.isNull()).as(field + " in " + node).isFalse();
        return new BigDecimal(value.asText());
    }

    private Map<String, BigDecimal> serviceWallets() {
        return walletsOf(get("/account/wallets"));
    }

    private Map<String, BigDecimal> exchangeWallets() {
        return walletsOf(sim.account("paper").path("wallets"));
    }

    /** type:currency → balance, scale-free so that 1.0 and 1 compare equal. */
    private static Map<String, BigDecimal> walletsOf(JsonNode wallets) {
        Map<String, BigDecimal> out = new TreeMap<>();
        wallets.forEach(w -> out.put(w.path("type").asText() + ":" + w.path("currency").asText(),
                new BigDecimal(w.path("balance").asText()).stripTrailingZeros()));
        return out;
    }

    private static BigDecimal lastPrice(JsonNode tickers, String symbol) {
        for (JsonNode row : tickers) {
            if (symbol.equals(row.get(0).asText())) {
                return new BigDecimal(row.get(7).asText()); // [SYMBOL, BID, BID_SIZE, ASK, ASK_SIZE, CHG, CHG_REL, LAST, ...]
            }
        }
        throw new AssertionError("no ticker for " + symbol + " in " + tickers);
    }

    private static List<String> codes(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> read(r.value()).path("code").asText()).toList();
    }

    private static double metric(String name) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return Prometheus.sum(metrics, name);
    }

    private double driftCount(String part) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("account_reconciliation_drift_total\\{[^}]*part=\"" + part + "\"[^}]*} ([0-9.eE+-]+)")
                .matcher(metrics);
        assertThat(m.find()).as("drift counter for " + part + " in /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private ConsumerRecord<String, String> lastRecord(String topic) {
        List<ConsumerRecord<String, String>> all = records(topic);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every record of the topic so far, read from the beginning by a throwaway consumer. */
    private List<ConsumerRecord<String, String>> records(String topic) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "account-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(out::add);
            }
        }
        out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return out;
    }
}
