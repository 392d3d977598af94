package io.tradingbot.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradeResult;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import io.tradingbot.order.config.OrderConfig;
import io.tradingbot.order.messaging.OrderPublisher;
import io.tradingbot.order.service.ExitOrders;
import io.tradingbot.order.service.OrderLifecycle;
import io.tradingbot.order.service.VerdictCids;
import io.tradingbot.order.support.KafkaTopics;
import io.tradingbot.order.support.RiskStandIn;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorResource;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code order.entry=rest}: today's route, every order a signed {@code auth/w/order/submit}, even while the
 * authenticated socket is up. Real simulator, real broker.
 */
@QuarkusTest
@TestProfile(RestEntryTest.RestEntry.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SimulatorResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "sim.clock.speed", value = "0"))
@QuarkusTestResource(value = RiskStandIn.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestEntryTest {
    private static final String BTC = "tBTCUSD";

    public static class RestEntry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("order.entry", "rest");
        }
    }

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @InjectSimulator
    SimulatorProcess sim;

    @Inject
    BitfinexRestClient exchange;

    @Inject
    OrderPublisher publisher;

    @Inject
    ExitOrders exitOrders;

    @Inject
    OrderConfig orderConfig;

    @Test
    @org.junit.jupiter.api.Order(1)
    void withEntryRestAVerdictIsPlacedOverRestOnce() throws Exception {
        // The socket is authenticated (readiness includes it): REST is the setting, not a fallback.
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));
        RiskVerdict buy = new RiskVerdict("verdict:rest-route", "sig-rest-route", BTC, Side.BUY, true, RiskLevel.LOW,
                List.of("within limits"), new BigDecimal("0.001"), "EXCHANGE LIMIT", new BigDecimal("30000"),
                BigDecimal.ONE, null, null, Instant.now());
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
        topics.send(Topics.RISK_VERDICTS, BTC, buy);

        TradeResult result = topics.read(Topics.TRADING_RESULTS, TradeResult.class,
                list -> list.stream().anyMatch(r -> r.verdictId().equals(buy.id())), Duration.ofSeconds(45))
                .stream().filter(r -> r.verdictId().equals(buy.id())).findFirst().orElseThrow();
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("order placed");
        long cid = VerdictCids.entry(buy.id());
        List<Order> orders = exchange.activeOrders().stream().filter(o -> o.cid() != null && o.cid() == cid).toList();
        assertThat(orders).hasSize(1);
        assertThat(result.order().exchangeId()).isEqualTo(orders.get(0).id());

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "route=\"rest\"",
                "outcome=\"answered\"")).isEqualTo(1.0);
        assertThat(Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "route=\"websocket\"")).isZero();
        exchange.cancelOrder(orders.get(0).id());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void overRestTheSubmitsOfDifferentSymbolsTakeTurns() throws Exception {
        // The contrast to the WebSocket route's test (OrderServiceTest): the same twelve verdicts of three symbols, every
        // answer slowed to 1 s. Signed requests go one at a time (nonces), so twelve submits take at least 12 s.
        List<RiskVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            verdicts.add(verdict(BTC, "verdict:rest-many-btc-" + i, "0.001", String.valueOf(30010 + i)));
            verdicts.add(verdict("tETHUSD", "verdict:rest-many-eth-" + i, "0.02", String.valueOf(1010 + i)));
            verdicts.add(verdict("tTESTBTC:TESTUSD", "verdict:rest-many-test-" + i, "0.001", String.valueOf(30010 + i)));
        }
        List<String> ids = verdicts.stream().map(RiskVerdict::id).toList();
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
        sim.latency(1000);
        List<TradeResult> results;
        long started = System.nanoTime();
        try {
            topics.sendEach(Topics.RISK_VERDICTS, RiskVerdict::symbol, verdicts);
            results = topics.read(Topics.TRADING_RESULTS, TradeResult.class, list -> list.stream()
                    .map(TradeResult::verdictId).collect(Collectors.toSet()).containsAll(ids), Duration.ofSeconds(60))
                    .stream().filter(r -> ids.contains(r.verdictId())).toList();
        } finally {
            sim.clearFaults();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Logger.getLogger(RestEntryTest.class).infof("12 verdicts, 3 symbols, 1 s answers, over REST: all results in %d ms",
                took.toMillis());
        assertThat(results).extracting(TradeResult::verdictId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(results).allSatisfy(r -> assertThat(r.success()).as(r.message()).isTrue());
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
        List<Order> open = exchange.activeOrders();
        for (RiskVerdict v : verdicts) {
            long cid = VerdictCids.entry(v.id());
            assertThat(open).as(v.id()).filteredOn(o -> o.cid() != null && o.cid() == cid).hasSize(1);
        }
        for (Order order : open) {
            if (order.cid() != null && ids.stream().anyMatch(id -> VerdictCids.entry(id) == order.cid())) {
                exchange.cancelOrder(order.id());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void anExitTheExchangeDidNotAnswerIsTriedAgainUntilTheTradeHasItsStopLoss() throws Exception {
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
        RiskVerdict buy = restingEntry(topics, "rest-exit-retry");
        double lostBefore = submits("no_answer");

        // The entry fills; the exchange answers the next three order submits (the exit's first three tries) with an
        // error and takes none of them.
        sim.httpFault(500, 3, "/v2/auth/w/order/submit");
        long exitCid = VerdictCids.exit(buy.id());
        List<Order> exit;
        try {
            sim.setPrice(BTC, "42700");
            await().atMost(Duration.ofSeconds(45)).until(() -> !withCid(exchange.activeOrders(), exitCid).isEmpty());
            exit = withCid(exchange.activeOrders(), exitCid);
        } finally {
            sim.clearFaults();
        }
        assertThat(submits("no_answer") - lostBefore).as("the exit's tries the exchange did not answer").isEqualTo(3.0);
        // Placed once: one OCO, the take profit a limit sell of what the buy left (0.1 % maker fee taken in BTC).
        assertThat(exit).filteredOn(o -> "EXCHANGE LIMIT".equals(o.type())).singleElement().satisfies(o -> {
            assertThat(o.amountOrig()).isEqualByComparingTo("-0.001998");
            assertThat(o.price()).isEqualByComparingTo("44500");
            assertThat(o.hasFlag(io.tradingbot.bitfinex.model.OrderFlags.OCO)).isTrue();
        });
        List<TradeResult> results = topics.read(Topics.TRADING_RESULTS, TradeResult.class,
                list -> list.stream().anyMatch(r -> r.verdictId().equals(buy.id()) && r.message().startsWith("exit")),
                Duration.ofSeconds(45)).stream().filter(r -> r.verdictId().equals(buy.id())).toList();
        assertThat(results).filteredOn(r -> r.message().startsWith("exit")).singleElement()
                .satisfies(r -> assertThat(r.success()).as(r.message()).isTrue());
        exchange.cancelOrder(exit.getFirst().id()); // its twin goes with it
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aTradeWhoseExitIsNotOnTheExchangeYetIsClosedBySellingWhatItsEntryLeft() throws Exception {
        BigDecimal btcBefore = btc();
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
        RiskVerdict buy = restingEntry(topics, "rest-exit-withdrawn");
        double lostBefore = submits("no_answer");

        // The entry fills while the exchange takes no order: its exit's tries fail 1, 2 and 4 s apart; the next is 8 s
        // after the fourth.
        sim.httpFault(500, 1000, "/v2/auth/w/order/submit");
        try {
            sim.setPrice(BTC, "42700");
            await().atMost(Duration.ofSeconds(45)).until(() -> submits("no_answer") - lostBefore >= 4);
        } finally {
            sim.clearFaults();
        }

        // risk-service's close of the trade (it sizes it at what the entry bought, at most what the wallet holds).
        RiskVerdict close = new RiskVerdict("verdict:rest-close-unexited", "sig-rest-close-unexited", BTC, Side.SELL,
                true, RiskLevel.LOW, List.of("closes the long trade"), new BigDecimal("0.002"), "EXCHANGE MARKET",
                new BigDecimal("42700"), BigDecimal.ONE, null, null, Instant.now(), buy.id());
        topics.send(Topics.RISK_VERDICTS, BTC, close);
        TradeResult sold = topics.read(Topics.TRADING_RESULTS, TradeResult.class,
                list -> list.stream().anyMatch(r -> r.verdictId().equals(close.id())), Duration.ofSeconds(45)).stream()
                .filter(r -> r.verdictId().equals(close.id())).findFirst().orElseThrow();
        assertThat(sold.success()).as(sold.message()).isTrue();
        assertThat(sold.message()).endsWith("closing the trade " + buy.id() + " (it had no exit on the exchange; its "
                + "exit is withdrawn)");
        // What the limit buy left after its 0.1 % maker fee, sold once: the wallet holds what it held before the trade.
        List<Order> sale = withCid(exchange.orderHistory(BTC, io.tradingbot.bitfinex.rest.HistoryQuery.limit(50)),
                VerdictCids.entry(close.id()));
        assertThat(sale).singleElement().satisfies(o -> assertThat(o.amountOrig()).isEqualByComparingTo("-0.001998"));
        assertThat(btc()).isEqualByComparingTo(btcBefore);

        // Withdrawn: the try that was due after the sale places nothing, and nor does a restarted instance's resync.
        Thread.sleep(10_000);
        long exitCid = VerdictCids.exit(buy.id());
        assertThat(withCid(exchange.activeOrders(), exitCid)).isEmpty();
        assertThat(withCid(exchange.orderHistory(BTC, io.tradingbot.bitfinex.rest.HistoryQuery.limit(50)), exitCid))
                .isEmpty();
        OrderLifecycle restarted = new OrderLifecycle(publisher, exitOrders, exchange, orderConfig);
        assertThat(restarted.placeMissingExits(exchange.activeOrders())).isEmpty();
        assertThat(btc()).isEqualByComparingTo(btcBefore);
    }

    /** A limit BUY of 0.002 BTC with its exit plan, as risk-service approves one, resting below 43000. */
    private RiskVerdict restingEntry(KafkaTopics topics, String name) throws Exception {
        sim.setPrice(BTC, "43000");
        RiskVerdict buy = new RiskVerdict("verdict:" + name, "sig-" + name, BTC, Side.BUY, true, RiskLevel.LOW,
                List.of("within limits"), new BigDecimal("0.002"), "EXCHANGE LIMIT", new BigDecimal("42800"),
                BigDecimal.ONE, new BigDecimal("41000"), new BigDecimal("44500"), Instant.now());
        topics.send(Topics.RISK_VERDICTS, BTC, buy);
        long entryCid = VerdictCids.entry(buy.id());
        await().atMost(Duration.ofSeconds(45)).until(() -> !withCid(exchange.activeOrders(), entryCid).isEmpty());
        return buy;
    }

    private BigDecimal btc() {
        return exchange.wallets().stream().filter(w -> "exchange".equals(w.type()) && "BTC".equals(w.currency()))
                .map(io.tradingbot.bitfinex.model.Wallet::balance).findFirst().orElse(BigDecimal.ZERO);
    }

    private static List<Order> withCid(List<Order> orders, long cid) {
        return orders.stream().filter(o -> o.cid() != null && o.cid() == cid).toList();
    }

    private static double submits(String outcome) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "outcome=\"" + outcome + "\"");
    }

    private static RiskVerdict verdict(String symbol, String id, String amount, String price) {
        return new RiskVerdict(id, "sig-" + id, symbol, Side.BUY, true, RiskLevel.LOW, List.of("within limits"),
                new BigDecimal(amount), "EXCHANGE LIMIT", new BigDecimal(price), BigDecimal.ONE, null, null, Instant.now());
    }
}
