package io.tradingbot.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.tradingbot.simulator.testkit.SimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderFlags;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import io.tradingbot.kafka.testkit.ServiceContract;
import io.tradingbot.order.config.OrderConfig;
import io.tradingbot.order.messaging.OrderPublisher;
import io.tradingbot.order.messaging.VerdictConsumer;
import io.tradingbot.order.service.CidLookup;
import io.tradingbot.order.service.ExitOrders;
import io.tradingbot.order.service.ExitPlan;
import io.tradingbot.order.service.FillFees;
import io.tradingbot.order.service.OrderEntry;
import io.tradingbot.order.service.OrderExecutor;
import io.tradingbot.order.service.OrderJournal;
import io.tradingbot.order.service.OrderLifecycle;
import io.tradingbot.order.service.OrderSubmitting;
import io.tradingbot.order.service.TradeCloser;
import io.tradingbot.order.service.VerdictCids;
import io.tradingbot.order.support.KafkaTopics;
import io.tradingbot.order.support.RiskStandIn;
import io.tradingbot.order.support.SubmitLatency;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * order-service against the real exchange simulator (its own process, the paper account's key) and a real Kafka broker:
 * verdicts in, orders on the exchange exactly once, the lifecycle and private events out. The service contract
 * (readiness with the broker down and back, metrics, OpenAPI) runs last, after the ordered flows.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SimulatorResource.class, restrictToAnnotatedClass = true,
        initArgs = {@ResourceArg(name = "sim.clock.speed", value = "0"),
                // A market whose book levels are below its minimum order size: a partial fill too small for an exit.
                @ResourceArg(name = "sim.markets.dust.symbol", value = "tDSTUSD"),
                @ResourceArg(name = "sim.markets.dust.base", value = "DST"),
                @ResourceArg(name = "sim.markets.dust.quote", value = "USD"),
                @ResourceArg(name = "sim.markets.dust.price", value = "100"),
                @ResourceArg(name = "sim.markets.dust.level-size", value = "0.0005"),
                @ResourceArg(name = "sim.markets.dust.min-size", value = "0.001")})
@QuarkusTestResource(value = RiskStandIn.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderServiceTest extends ServiceContract {
    private static final String BTC = "tBTCUSD";
    private static final String ETH = "tETHUSD";
    private static final String TEST_PAIR = "tTESTBTC:TESTUSD";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @InjectSimulator
    SimulatorProcess sim;

    @Inject
    BitfinexRestClient exchange;

    @Inject
    SubmitLatency latency;

    @Inject
    OrderJournal journal;

    @Inject
    CidLookup cidLookup;

    @Inject
    OrderLifecycle lifecycle;

    @Inject
    OrderConfig orderConfig;

    @Inject
    OrderEntry orderEntry;

    @Inject
    io.tradingbot.bitfinex.config.BitfinexClientConfig clientConfig;

    @Inject
    Event<OrderSubmitting> submitting;

    @Inject
    MeterRegistry meters;

    @Inject
    OrderPublisher publisher;

    @Inject
    OrderExecutor executor;

    @Inject
    TradeCloser closer;

    @Inject
    ExitOrders exitOrders;

    @Inject
    io.tradingbot.bitfinex.ws.BitfinexWebSocketClient socket;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    @org.junit.jupiter.api.Order(1)
    void aBuyVerdictFillsAndItsOcoExitClosesTheTradeAtTheTakeProfit() throws Exception {
        awaitReady();
        await().atMost(WAIT).until(journal::isRestored);
        Map<String, Double> exitLookupsBefore = lookups("exit");
        double tradeReadsBefore = exchangeRequests("r/order/{symbol}:{id}/trades");
        sim.setPrice(BTC, "43000");
        RiskVerdict buy = verdict("verdict:flow-1", Side.BUY, "0.01", "EXCHANGE MARKET", null, "42000", "44000");
        topics().send(Topics.RISK_VERDICTS, BTC, buy);

        TradeResult result = result(buy.id(), r -> true);
        assertThat(result.success()).as(result.message()).isTrue();
        long entryCid = VerdictCids.entry(buy.id());
        List<OrderEvent> entry = events(list -> list.stream().anyMatch(e -> e.cid() == entryCid
                && e.status() == OrderStatus.FILLED)).stream().filter(e -> e.cid() == entryCid).toList();
        assertThat(entry).extracting(OrderEvent::status).startsWith(OrderStatus.SUBMITTED).endsWith(OrderStatus.FILLED)
                .doesNotHaveDuplicates();
        assertThat(entry).allMatch(e -> buy.id().equals(e.verdictId()));

        // The exit: one OCO sell of what the buy left after its fee (0.01 - 0.2% = 0.00998), LIMIT at the take profit.
        long exitCid = VerdictCids.exit(buy.id());
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().anyMatch(o -> o.state() == Order.State.ACTIVE));
        Order exit = ordersWithCid(exitCid).stream().filter(o -> "EXCHANGE LIMIT".equals(o.type())).findFirst().orElseThrow();
        assertThat(exit.amountOrig()).isEqualByComparingTo("-0.00998");
        assertThat(exit.price()).isEqualByComparingTo("44000");
        assertThat(exit.hasFlag(OrderFlags.OCO)).isTrue();
        // Journaled before it left, like the entry; and never looked up: no order-service can have sent it before.
        assertThat(journal.contains(exitCid)).isTrue();
        assertThat(events(list -> list.stream().anyMatch(e -> e.cid() == exitCid && e.status() == OrderStatus.ACCEPTED)))
                .filteredOn(e -> e.cid() == exitCid).extracting(OrderEvent::status).startsWith(OrderStatus.SUBMITTED);
        assertThat(lookupsSince("exit", exitLookupsBefore)).as("exchange look-ups of a fresh exit").isEmpty();
        assertThat(exchangeRequests("r/order/{symbol}:{id}/trades")).as("the buy's fee came from the socket's tu")
                .isEqualTo(tradeReadsBefore);

        sim.setPrice(BTC, "44100");
        List<OrderEvent> closed = events(list -> list.stream().anyMatch(e -> e.cid() == exitCid
                && e.status() == OrderStatus.FILLED));
        assertThat(closed).filteredOn(e -> e.cid() == exitCid && e.status() == OrderStatus.FILLED).hasSize(1)
                .allMatch(e -> buy.id().equals(e.verdictId()));
        await().atMost(WAIT).until(() -> exchange.activeOrders().stream().noneMatch(o -> o.cid() != null
                && o.cid() == exitCid));
        // The trade is closed: the account holds exactly the BTC it held before.
        JsonNode btc = wallet("exchange", "BTC");
        assertThat(new BigDecimal(btc.path("balance").asText())).isEqualByComparingTo("1");

        List<ExchangePrivateEvent> privateEvents = topics().read(Topics.EXCHANGE_PRIVATE, ExchangePrivateEvent.class,
                list -> list.stream().filter(e -> e.code().equals("te")).count() >= 2, WAIT);
        assertThat(privateEvents).extracting(ExchangePrivateEvent::code).contains("os", "on", "oc", "te", "tu");
        ExchangePrivateEvent trade = privateEvents.stream().filter(e -> e.code().equals("te")).findFirst().orElseThrow();
        assertThat(trade.symbol()).isEqualTo(BTC);
        assertThat(trade.raw().get(1).asText()).isEqualTo("te");
        assertThat(trade.fields().path("exec_amount").asText()).isNotEmpty();
        assertThat(results(buy.id(), list -> list.size() >= 2)).anyMatch(r -> r.success()
                && r.message().startsWith("exit placed"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aRedeliveredVerdictBecomesOneOrder() throws Exception {
        RiskVerdict buy = verdict("verdict:redelivered", Side.BUY, "0.001", "EXCHANGE LIMIT", "30000", null, null);
        Map<String, Double> before = lookups();
        topics().send(Topics.RISK_VERDICTS, BTC, buy);
        topics().send(Topics.RISK_VERDICTS, BTC, buy);

        List<TradeResult> results = results(buy.id(), list -> list.size() >= 2);
        assertThat(results).hasSize(2).allMatch(TradeResult::success);
        assertThat(results.get(0).message()).startsWith("order placed");
        assertThat(results.get(1).message()).contains("already placed");
        assertThat(ordersWithCid(VerdictCids.entry(buy.id()))).hasSize(1);
        // The first delivery went straight to the exchange; the second was looked up because its cid is journaled.
        assertThat(lookupsSince(before)).containsExactlyInAnyOrderEntriesOf(Map.of(OrderJournal.JOURNALED, 1.0));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aLostSubmitThatCannotBeLookedUpIsReportedUnknownNotRejectedAndNotResent() throws Exception {
        RiskVerdict buy = verdict("verdict:lost-unknown", Side.BUY, "0.001", "EXCHANGE LIMIT", "30002", null, null);
        long cid = VerdictCids.entry(buy.id());
        // The submit's answer is lost (5 s per exchange call, the client waits 2 s) while the exchange takes the order,
        // and every look-up by cid is refused for good (the key lost its read permission: not a rate limit, not a
        // server error).
        latency.arm(cid, sim.baseUrl(), 5000);
        sim.httpFault(500, 10100, 1_000, "/v2/auth/r/orders");
        TradeResult result;
        try {
            topics().send(Topics.RISK_VERDICTS, BTC, buy);
            result = result(buy.id(), r -> true);
            await().atMost(WAIT).until(() -> activeOnSimulator(cid));
        } finally {
            sim.clearFaults();
        }
        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("not confirmed").contains("looking it up failed", "it was not resent");
        assertThat(ordersWithCid(cid)).as("the order the exchange took, once").hasSize(1);
        List<OrderEvent> reported = events(list -> list.stream()
                .anyMatch(e -> e.cid() == cid && e.status() == OrderStatus.ACCEPTED));
        assertThat(reported).filteredOn(e -> e.cid() == cid).extracting(OrderEvent::status)
                .as("journaled as what the exchange shows, never as rejected").doesNotContain(OrderStatus.REJECTED);
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aSubmitThatTimesOutIsFoundByCidAndNotSentAgain() throws Exception {
        RiskVerdict buy = verdict("verdict:slow", Side.BUY, "0.001", "EXCHANGE LIMIT", "30001", null, null);
        long cid = VerdictCids.entry(buy.id());
        // 5 s per exchange call from the moment the submit leaves; the client gives up after 2 s (%test).
        latency.arm(cid, sim.baseUrl(), 5000);
        try {
            topics().send(Topics.RISK_VERDICTS, BTC, buy);
            await().atMost(WAIT).until(() -> activeOnSimulator(cid));
        } finally {
            sim.clearFaults();
        }
        TradeResult result = result(buy.id(), r -> true);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).contains("found by cid");
        assertThat(ordersWithCid(cid)).hasSize(1);
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void aDroppedSocketMidTradeLosesAndDoublesNoEvent() throws Exception {
        sim.setPrice(BTC, "43000");
        RiskVerdict buy = verdict("verdict:dropped", Side.BUY, "0.001", "EXCHANGE LIMIT", "42500", null, null);
        long cid = VerdictCids.entry(buy.id());
        topics().send(Topics.RISK_VERDICTS, BTC, buy);
        List<OrderEvent> accepted = events(list -> list.stream().anyMatch(e -> e.cid() == cid
                && e.status() == OrderStatus.ACCEPTED));
        long id = accepted.stream().filter(e -> e.cid() == cid && e.exchangeId() != null).findFirst().orElseThrow()
                .exchangeId();

        // The order's fate is decided while the socket is down: the price crosses it (or the dead-man switch cancels it).
        sim.dropWebSockets();
        sim.setPrice(BTC, "42400");
        Order last = await().atMost(WAIT).until(() -> exchange.orderHistory(BTC, HistoryQuery.limit(100)).stream()
                .filter(o -> o.id() == id).findFirst().orElse(null), o -> o != null);
        awaitReady();
        List<OrderEvent> after = events(list -> list.stream().anyMatch(e -> id == orZero(e.exchangeId())
                && e.status().isFinal()));
        Thread.sleep(3000); // room for a doubled event to show up
        List<OrderEvent> mine = topics().read(Topics.ORDERS_EVENTS, OrderEvent.class, list -> false, Duration.ofSeconds(3))
                .stream().filter(e -> id == orZero(e.exchangeId())).toList();
        assertThat(after).isNotEmpty();
        assertThat(mine).filteredOn(e -> e.status().isFinal()).hasSize(1);
        assertThat(mine).filteredOn(e -> e.status() == OrderStatus.ACCEPTED).hasSize(1);
        OrderStatus expected = last.state() == Order.State.EXECUTED ? OrderStatus.FILLED : OrderStatus.CANCELLED;
        assertThat(mine.get(mine.size() - 1).status()).isEqualTo(expected);
        // A second os snapshot came after the re-authentication.
        assertThat(topics().read(Topics.EXCHANGE_PRIVATE, ExchangePrivateEvent.class,
                list -> list.stream().filter(e -> e.code().equals("os")).count() >= 2, WAIT))
                .filteredOn(e -> e.code().equals("os")).hasSizeGreaterThanOrEqualTo(2);

        // What operators see: the reopened channel 0, every lifecycle step on the topic counted by status (no more, no
        // less), and the exchange's answer times, the lost submit of the earlier test among them (found by cid).
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(Prometheus.sum(metrics, "tradingbot_exchange_ws_reconnects_total", "socket=\"private\""))
                    .as("reconnects of channel 0").isGreaterThanOrEqualTo(1.0);
            List<OrderEvent> published = topics().read(Topics.ORDERS_EVENTS, OrderEvent.class, list -> false,
                    Duration.ofSeconds(2));
            for (OrderStatus status : OrderStatus.values()) {
                long onTopic = published.stream().filter(e -> e.symbol().equals(BTC) && e.status() == status).count();
                assertThat(Prometheus.sum(metrics, "tradingbot_orders_total", "symbol=\"" + BTC + "\"",
                        "status=\"" + status.name() + "\"")).as("orders %s", status).isEqualTo((double) onTopic);
            }
            assertThat(Prometheus.sum(metrics, "tradingbot_orders_total", "status=\"FILLED\"")).as("filled orders")
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "outcome=\"answered\""))
                    .as("submits answered").isGreaterThanOrEqualTo(1.0);
            // the client looks a lost answer up by cid itself (found_by_cid), or gives up and order-service does (no_answer)
            assertThat(Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "outcome=\"found_by_cid\"")
                    + Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "outcome=\"no_answer\""))
                    .as("submits whose answer was lost").isGreaterThanOrEqualTo(1.0);
            assertThat(metrics).contains("tradingbot_exchange_submit_seconds_bucket{");
        });
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void ordersAreUpdatedAndCancelledOverRest() throws Exception {
        sim.setPrice(BTC, "43000");
        RiskVerdict buy = verdict("verdict:rest-1", Side.BUY, "0.001", "EXCHANGE LIMIT", "40000", null, null);
        riskServes(buy);
        long id = RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"verdict:rest-1\"}")
                .post("/orders").then().statusCode(201)
                .body("success", equalTo(true))
                .body("order.verdict_id", equalTo("verdict:rest-1"))
                .extract().jsonPath().getLong("order.exchange_id");

        RestAssured.given().contentType(ContentType.JSON).body("{\"price\":\"40500\"}").put("/orders/" + id).then()
                .statusCode(200).body("price", equalTo("40500"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"amount\":\"0.002\"}").put("/orders/" + id).then()
                .statusCode(200).body("amount", equalTo("0.002"));
        assertThat(openIds()).contains(id);
        RestAssured.get("/orders").then().statusCode(200)
                .body("find { it.id == " + id + " }.price", equalTo("40500"))
                .body("find { it.id == " + id + " }.verdict_id", equalTo("verdict:rest-1"));
        events(list -> list.stream().anyMatch(e -> orZero(e.exchangeId()) == id && e.price() != null
                && e.price().compareTo(new BigDecimal("40500")) == 0 && e.amountRemaining().compareTo(new BigDecimal("0.002")) == 0));

        assertThat(RestAssured.delete("/orders/" + id).then().statusCode(200).extract().jsonPath().getLong("id"))
                .isEqualTo(id);
        assertThat(openIds()).doesNotContain(id);
        assertThat(events(list -> list.stream().anyMatch(e -> orZero(e.exchangeId()) == id
                && e.status() == OrderStatus.CANCELLED))).filteredOn(e -> orZero(e.exchangeId()) == id
                && e.status() == OrderStatus.CANCELLED).hasSize(1);
        RestAssured.delete("/orders/" + id).then().statusCode(404).body("error", containsString("no open order"));
        assertThat(RestAssured.get("/orders/history?symbol=tBTCUSD&limit=50").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(id);

        // The same verdict again is the same order, not a second one.
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"verdict:rest-1\"}")
                .post("/orders").then().statusCode(201).body("message", containsString("already placed as order " + id));
        assertThat(ordersWithCid(VerdictCids.entry(buy.id()))).hasSize(1);
    }

    @Test
    @org.junit.jupiter.api.Order(7)
    void badInputAndRefusalsAreAnsweredWithAReasonNotACrash() throws Exception {
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/orders").then().statusCode(400)
                .body("error", containsString("verdict_id"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":").post("/orders").then().statusCode(400);
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"verdict:never\"}").post("/orders").then()
                .statusCode(404).body("error", containsString("verdict:never"));

        RiskVerdict rejected = new RiskVerdict("verdict:rejected", "sig-rejected", BTC, Side.BUY, false, RiskLevel.HIGH,
                List.of("max drawdown reached"), null, null, null, null, null, null, Instant.now());
        riskServes(rejected);
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"verdict:rejected\"}").post("/orders")
                .then().statusCode(422).body("error", containsString("max drawdown reached"));

        RiskVerdict tiny = verdict("verdict:tiny", Side.BUY, "0.00001", "EXCHANGE MARKET", null, null, null);
        riskServes(tiny);
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"verdict:tiny\"}").post("/orders")
                .then().statusCode(422).body("error", containsString("minimum size"));
        TradeResult refused = result(tiny.id(), r -> true);
        assertThat(refused.success()).isFalse();
        assertThat(refused.message()).contains("minimum size");
        assertThat(events(list -> list.stream().anyMatch(e -> tiny.id().equals(e.verdictId())
                && e.status() == OrderStatus.REJECTED))).filteredOn(e -> tiny.id().equals(e.verdictId())
                && e.status() == OrderStatus.REJECTED).first().satisfies(e -> assertThat(e.reason()).contains("minimum size"));

        // Over Kafka, a rejected verdict is a failed result and no order.
        RiskVerdict rejectedOnKafka = new RiskVerdict("verdict:rejected-kafka", "sig-rk", BTC, Side.SELL, false,
                RiskLevel.HIGH, List.of("spot sale below the minimum"), null, null, null, null, null, null, Instant.now());
        topics().send(Topics.RISK_VERDICTS, BTC, rejectedOnKafka);
        TradeResult notTraded = result(rejectedOnKafka.id(), r -> true);
        assertThat(notTraded.success()).isFalse();
        assertThat(notTraded.message()).contains("spot sale below the minimum");
        assertThat(ordersWithCid(VerdictCids.entry(rejectedOnKafka.id()))).isEmpty();

        RestAssured.given().contentType(ContentType.JSON).body("{}").put("/orders/1").then().statusCode(400)
                .body("error", containsString("price"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"price\":\"-5\"}").put("/orders/1").then().statusCode(400)
                .body("error", containsString("positive"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"price\":\"100\"}").put("/orders/987654321").then()
                .statusCode(404).body("error", containsString("987654321"));
        RestAssured.delete("/orders/987654321").then().statusCode(404);
        RestAssured.get("/orders/history?limit=0").then().statusCode(400).body("error", containsString("limit"));
        RestAssured.get("/orders/history?symbol=BTC").then().statusCode(400).body("error", containsString("symbol"));
    }

    @Test
    @org.junit.jupiter.api.Order(8)
    void aMarginShortGetsAReduceOnlyOcoExitThatClosesThePosition() throws Exception {
        sim.setPrice(BTC, "43000");
        RiskVerdict sell = verdict("verdict:margin-short", Side.SELL, "0.01", "MARKET", null, "44000", "42000");
        topics().send(Topics.RISK_VERDICTS, BTC, sell);
        assertThat(result(sell.id(), r -> true).success()).isTrue();

        long exitCid = VerdictCids.exit(sell.id());
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().anyMatch(o -> o.state() == Order.State.ACTIVE));
        Order exit = ordersWithCid(exitCid).stream().filter(o -> "LIMIT".equals(o.type())).findFirst().orElseThrow();
        assertThat(exit.amountOrig()).isEqualByComparingTo("0.01");
        assertThat(exit.price()).isEqualByComparingTo("42000");
        assertThat(exit.hasFlag(OrderFlags.OCO)).isTrue();
        assertThat(exit.hasFlag(OrderFlags.REDUCE_ONLY)).isTrue();
        assertThat(activePositions()).isNotEmpty();

        sim.setPrice(BTC, "41900");
        events(list -> list.stream().anyMatch(e -> e.cid() == exitCid && e.status() == OrderStatus.FILLED));
        await().atMost(WAIT).until(() -> activePositions().isEmpty());
    }

    @Test
    @org.junit.jupiter.api.Order(9)
    void anEntryPlacedBeforeARestartStillGetsItsExitWhenItFills() throws Exception {
        sim.setPrice(BTC, "43000");
        // What an earlier instance left: a resting entry with its exit plan in the meta; no verdict will come again.
        String verdictId = "verdict:before-restart";
        exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC, new BigDecimal("0.002"))
                .price(new BigDecimal("42800")).cid(VerdictCids.entry(verdictId))
                .meta(java.util.Map.of("verdict_id", verdictId, "role", "entry", "take_profit", "44500",
                        "stop_loss", "41000")).build());

        sim.setPrice(BTC, "42700");
        long exitCid = VerdictCids.exit(verdictId);
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().anyMatch(o -> o.state() == Order.State.ACTIVE));
        Order exit = ordersWithCid(exitCid).stream().filter(o -> "EXCHANGE LIMIT".equals(o.type())).findFirst().orElseThrow();
        assertThat(exit.price()).isEqualByComparingTo("44500");
        assertThat(exit.hasFlag(OrderFlags.OCO)).isTrue();
        // 0.002 bought at maker fee 0.1 %: 0.000002 BTC went to the fee.
        assertThat(exit.amountOrig()).isEqualByComparingTo("-0.001998");
        exchange.cancelOrder(exit.id());
    }

    @Test
    @org.junit.jupiter.api.Order(10)
    void aFreshVerdictIsPlacedWithoutAskingTheExchangeFirst() throws Exception {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'orders-journal' }.status", equalTo("UP"));
        RiskVerdict buy = verdict("verdict:fresh", Side.BUY, "0.001", "EXCHANGE LIMIT", "30002", null, null);
        long cid = VerdictCids.entry(buy.id());
        assertThat(journal.contains(cid)).isFalse();
        Map<String, Double> before = lookups();

        topics().send(Topics.RISK_VERDICTS, BTC, buy);

        TradeResult result = result(buy.id(), r -> true);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("order placed");
        assertThat(ordersWithCid(cid)).hasSize(1);
        assertThat(journal.contains(cid)).isTrue();
        assertThat(lookupsSince(before)).as("cid look-ups for a verdict no order-service ever sent").isEmpty();
        List<OrderEvent> mine = events(list -> list.stream().anyMatch(e -> e.cid() == cid
                && e.status() == OrderStatus.ACCEPTED)).stream().filter(e -> e.cid() == cid).toList();
        assertThat(mine).extracting(OrderEvent::status).startsWith(OrderStatus.SUBMITTED);
    }

    @Test
    @org.junit.jupiter.api.Order(11)
    void aVerdictSeenAgainByANewInstanceIsLookedUpAndNotPlacedAgain() throws Exception {
        // What an instance that died between submit and offset commit leaves behind: the SUBMITTED record the broker
        // acknowledged before the order left, and the order under the verdict's cid.
        RiskVerdict buy = verdict("verdict:restarted", Side.BUY, "0.001", "EXCHANGE LIMIT", "30000", null, null);
        long cid = VerdictCids.entry(buy.id());
        BigDecimal amount = new BigDecimal("0.001");
        topics().send(Topics.ORDERS_EVENTS, BTC, new OrderEvent(cid, null, BTC, OrderStatus.SUBMITTED, "EXCHANGE LIMIT",
                amount, amount, new BigDecimal("30000"), null, null, buy.id(), System.currentTimeMillis()));
        long placed = exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC, amount)
                .price(new BigDecimal("30000")).cid(cid).build()).order().id();

        // The new instance: a journal read back from the broker, an executor on it.
        OrderJournal restarted = new OrderJournal(kafkaConfig, Topics.ORDERS_EVENTS, Duration.ofHours(48));
        assertThat(restarted.lookupReason(cid, buy.createdAt())).contains(OrderJournal.NOT_RESTORED);
        restarted.restore(Duration.ofSeconds(30));
        assertThat(restarted.contains(cid)).isTrue();
        assertThat(restarted.contains(VerdictCids.entry("verdict:redelivered"))).as("this app's own SUBMITTED records")
                .isTrue();
        assertThat(restarted.lookupReason(cid, buy.createdAt())).contains(OrderJournal.JOURNALED);
        long neverSent = VerdictCids.entry("verdict:never-sent");
        assertThat(restarted.lookupReason(neverSent, Instant.now())).isEmpty();
        assertThat(restarted.lookupReason(neverSent, Instant.now().minus(Duration.ofDays(3))))
                .contains(OrderJournal.OLDER_THAN_JOURNAL);

        OrderExecutor next = new OrderExecutor(orderEntry, cidLookup, lifecycle, orderConfig, submitting, restarted,
                closer);
        TradeResult result = next.execute(buy);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).contains("already placed as order " + placed);
        assertThat(ordersWithCid(cid)).extracting(Order::id).containsExactly(placed);
    }

    @Test
    @org.junit.jupiter.api.Order(12)
    void aVerdictPlacedOverRestAndThenReadFromKafkaIsOneOrder() throws Exception {
        RiskVerdict buy = verdict("verdict:rest-then-kafka", Side.BUY, "0.001", "EXCHANGE LIMIT", "30003", null, null);
        riskServes(buy);
        Map<String, Double> before = lookups();
        long id = RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"" + buy.id() + "\"}")
                .post("/orders").then().statusCode(201).body("message", containsString("order placed"))
                .extract().jsonPath().getLong("order.exchange_id");

        topics().send(Topics.RISK_VERDICTS, BTC, buy);

        List<TradeResult> results = results(buy.id(), list -> list.size() >= 2);
        assertThat(results).hasSize(2).allMatch(TradeResult::success);
        assertThat(results.get(1).message()).contains("already placed as order " + id);
        assertThat(ordersWithCid(VerdictCids.entry(buy.id()))).extracting(Order::id).containsExactly(id);
        assertThat(lookupsSince(before)).containsExactlyInAnyOrderEntriesOf(Map.of(OrderJournal.JOURNALED, 1.0));
    }

    @Test
    @org.junit.jupiter.api.Order(13)
    void verdictsOfThreeSymbolsArePlacedSideBySide() throws Exception {
        List<RiskVerdict> verdicts = List.of(
                verdict(BTC, "verdict:lane-btc", "0.001", "30004"),
                verdict(ETH, "verdict:lane-eth", "0.02", "1000"),
                verdict(TEST_PAIR, "verdict:lane-test", "0.001", "30000"));
        List<String> ids = verdicts.stream().map(RiskVerdict::id).toList();
        List<Long> cids = ids.stream().map(VerdictCids::entry).toList();
        // Every exchange answer takes 1.5 s: one verdict after the other, the first result would be out before the
        // second verdict's SUBMITTED record. Over the WebSocket (no nonce) the submits themselves overlap too, so the
        // three answers come within the same 1.5 s; over REST (signed requests take turns) they would be 1.5 s apart.
        sim.latency(1500);
        List<TradeResult> results;
        try {
            topics().sendAll(Topics.RISK_VERDICTS, verdicts.stream()
                    .collect(java.util.stream.Collectors.toMap(RiskVerdict::symbol, v -> v)));
            results = resultsOf(ids);
        } finally {
            sim.clearFaults();
        }
        assertAllPlaced(results, ids);
        List<OrderEvent> submitted = events(list -> list.stream().filter(e -> cids.contains(e.cid())
                && e.status() == OrderStatus.SUBMITTED).count() >= 3).stream()
                .filter(e -> cids.contains(e.cid()) && e.status() == OrderStatus.SUBMITTED).toList();
        long lastSubmitted = submitted.stream().mapToLong(OrderEvent::mts).max().orElseThrow();
        Instant firstResult = results.stream().map(TradeResult::createdAt).min(Instant::compareTo).orElseThrow();
        assertThat(Instant.ofEpochMilli(lastSubmitted)).as("all three journaled (and queued for the exchange) before "
                + "the first result: %s, %s", submitted, results).isBefore(firstResult);
        Instant lastResult = results.stream().map(TradeResult::createdAt).max(Instant::compareTo).orElseThrow();
        // Taking turns, answers would be at least one latency (1.5 s) apart; the margin is for a busy machine.
        assertThat(Duration.between(firstResult, lastResult)).as("the three answers awaited side by side: %s", results)
                .isLessThan(Duration.ofMillis(1500));
        List<Order> open = exchange.activeOrders();
        for (long cid : cids) {
            assertThat(open).filteredOn(o -> o.cid() != null && o.cid() == cid).hasSize(1);
        }
        for (Order order : open) {
            if (order.cid() != null && cids.contains(order.cid())) {
                exchange.cancelOrder(order.id());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(14)
    void aVerdictBecomesOneOrderPlacedOverTheAuthenticatedWebSocket() throws Exception {
        awaitReady();
        RiskVerdict buy = verdict("verdict:over-ws", Side.BUY, "0.001", "EXCHANGE LIMIT", "30005", null, null);
        long cid = VerdictCids.entry(buy.id());
        double wsBefore = submits("websocket", "answered");
        double restBefore = submits("rest", null);

        topics().send(Topics.RISK_VERDICTS, BTC, buy);

        TradeResult result = result(buy.id(), r -> true);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).startsWith("order placed");
        // The on-req notification of the socket, read into the order as the REST answer would be.
        assertThat(result.order()).isNotNull();
        assertThat(result.order().cid()).isEqualTo(cid);
        assertThat(result.order().exchangeId()).isNotNull();
        assertThat(result.order().verdictId()).isEqualTo(buy.id());
        assertThat(result.order().price()).isEqualByComparingTo("30005");
        assertThat(ordersWithCid(cid)).extracting(Order::id).containsExactly(result.order().exchangeId());
        assertThat(submits("websocket", "answered") - wsBefore).as("answered over the WebSocket").isEqualTo(1.0);
        assertThat(submits("rest", null) - restBefore).as("nothing over REST").isZero();
        exchange.cancelOrder(result.order().exchangeId());
    }

    @Test
    @org.junit.jupiter.api.Order(15)
    void anOrderRefusedOnTheWebSocketIsAFailedResultAndNotRetried() throws Exception {
        awaitReady();
        RiskVerdict tiny = verdict("verdict:tiny-ws", Side.BUY, "0.00001", "EXCHANGE MARKET", null, null, null);
        long cid = VerdictCids.entry(tiny.id());
        double refusedBefore = submits("websocket", "refused");
        double wsBefore = submits("websocket", null);
        double restBefore = submits("rest", null);
        Map<String, Double> lookupsBefore = lookups();

        topics().send(Topics.RISK_VERDICTS, BTC, tiny);

        TradeResult refused = result(tiny.id(), r -> true);
        assertThat(refused.success()).isFalse();
        assertThat(refused.message()).startsWith("rejected by the exchange").contains("minimum size");
        events(list -> list.stream().anyMatch(e -> e.cid() == cid && e.status() == OrderStatus.REJECTED));
        Thread.sleep(2000); // room for a retry to show up
        List<OrderEvent> mine = topics().read(Topics.ORDERS_EVENTS, OrderEvent.class, list -> false, Duration.ofSeconds(2))
                .stream().filter(e -> e.cid() == cid).toList();
        assertThat(mine).extracting(OrderEvent::status).containsExactly(OrderStatus.SUBMITTED, OrderStatus.REJECTED);
        assertThat(mine.get(1).reason()).contains("minimum size");
        assertThat(submits("websocket", "refused") - refusedBefore).as("refused on the WebSocket").isEqualTo(1.0);
        assertThat(submits("websocket", null) - wsBefore).as("sent once").isEqualTo(1.0);
        assertThat(submits("rest", null) - restBefore).as("not sent over REST either").isZero();
        assertThat(lookupsSince(lookupsBefore)).as("a refusal is not an unknown outcome").isEmpty();
        assertThat(ordersWithCid(cid)).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(16)
    void manySymbolsVerdictsAtOnceAreEachPlacedExactlyOnce() throws Exception {
        awaitReady();
        List<RiskVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            verdicts.add(verdict(BTC, "verdict:many-btc-" + i, "0.001", String.valueOf(30010 + i)));
            verdicts.add(verdict(ETH, "verdict:many-eth-" + i, "0.02", String.valueOf(1010 + i)));
            verdicts.add(verdict(TEST_PAIR, "verdict:many-test-" + i, "0.001", String.valueOf(30010 + i)));
        }
        List<String> ids = verdicts.stream().map(RiskVerdict::id).toList();
        double wsBefore = submits("websocket", "answered");
        double restBefore = submits("rest", null);
        // 1 s per answer: a lane's four verdicts take about 4 s; twelve signed REST submits in turn would take 12 s.
        sim.latency(1000);
        List<TradeResult> results;
        long started = System.nanoTime();
        try {
            topics().sendEach(Topics.RISK_VERDICTS, RiskVerdict::symbol, verdicts);
            results = resultsOf(ids);
        } finally {
            sim.clearFaults();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        org.jboss.logging.Logger.getLogger(OrderServiceTest.class).infof("12 verdicts, 3 symbols, 1 s answers, over the "
                + "WebSocket: all results in %d ms", took.toMillis());
        assertAllPlaced(results, ids);
        // In turn they would take at least 12 s (RestEntryTest); the margin over the 4 s expected is for a busy machine.
        assertThat(took).as("the symbols' lanes did not wait for each other").isLessThan(Duration.ofSeconds(11));
        List<Order> open = exchange.activeOrders();
        for (RiskVerdict v : verdicts) {
            long cid = VerdictCids.entry(v.id());
            assertThat(open).as(v.id()).filteredOn(o -> o.cid() != null && o.cid() == cid).hasSize(1);
        }
        assertThat(submits("websocket", "answered") - wsBefore).isEqualTo(12.0);
        assertThat(submits("rest", null) - restBefore).isZero();
        // Each verdict's lock went with it: none is kept for the life of the process.
        await().atMost(WAIT).until(() -> executor.verdictsInProgress() == 0);
        for (Order order : open) {
            if (order.cid() != null && verdicts.stream().anyMatch(v -> VerdictCids.entry(v.id()) == order.cid())) {
                exchange.cancelOrder(order.id());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(16)
    void moreVerdictsThanCanBeInFlightWaitOnKafkaAndAreEachPlacedOnceInTheirSymbolsOrder() throws Exception {
        awaitReady();
        // Far below the market: nothing fills, so each one stays one open order to count.
        List<RiskVerdict> verdicts = new ArrayList<>();
        int perSymbol = VerdictConsumer.IN_FLIGHT / 3 + 4;
        for (int i = 0; i < perSymbol; i++) {
            verdicts.add(verdict(BTC, "verdict:backlog-btc-" + i, "0.0001", String.valueOf(20000 + i)));
            verdicts.add(verdict(ETH, "verdict:backlog-eth-" + i, "0.02", String.valueOf(500 + i)));
            verdicts.add(verdict(TEST_PAIR, "verdict:backlog-test-" + i, "0.001", String.valueOf(20000 + i)));
        }
        assertThat(verdicts).hasSizeGreaterThan(VerdictConsumer.IN_FLIGHT);
        List<String> ids = verdicts.stream().map(RiskVerdict::id).toList();
        // Slow answers: the backlog is read faster than it is placed, so the consumer runs out of permits and waits.
        sim.latency(100);
        List<TradeResult> results;
        try {
            topics().sendEach(Topics.RISK_VERDICTS, RiskVerdict::symbol, verdicts);
            results = resultsOf(ids);
        } finally {
            sim.clearFaults();
        }
        assertAllPlaced(results, ids);
        List<Order> open = exchange.activeOrders();
        for (RiskVerdict v : verdicts) {
            long cid = VerdictCids.entry(v.id());
            assertThat(open).as(v.id()).filteredOn(o -> o.cid() != null && o.cid() == cid).hasSize(1);
        }
        // Each symbol's orders went out in its verdicts' order: its SUBMITTED records, one partition per symbol, say so.
        Map<Long, String> idByCid = verdicts.stream().collect(java.util.stream.Collectors.toMap(
                v -> VerdictCids.entry(v.id()), RiskVerdict::id));
        List<OrderEvent> submitted = events(list -> list.stream().filter(e -> idByCid.containsKey(e.cid())
                && e.status() == OrderStatus.SUBMITTED).count() >= verdicts.size()).stream()
                .filter(e -> idByCid.containsKey(e.cid()) && e.status() == OrderStatus.SUBMITTED).toList();
        for (String symbol : List.of(BTC, ETH, TEST_PAIR)) {
            assertThat(submitted).filteredOn(e -> e.symbol().equals(symbol)).extracting(e -> idByCid.get(e.cid()))
                    .as(symbol).containsExactlyElementsOf(verdicts.stream().filter(v -> v.symbol().equals(symbol))
                            .map(RiskVerdict::id).toList());
        }
        for (Order order : open) {
            if (order.cid() != null && idByCid.containsKey(order.cid())) {
                exchange.cancelOrder(order.id());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(18)
    void anExitSeenAgainByANewInstanceIsLookedUpAndNotPlacedAgain() throws Exception {
        // Test 1's trade: its entry filled, its exit was journaled, placed and filled at the take profit.
        String verdictId = "verdict:flow-1";
        long exitCid = VerdictCids.exit(verdictId);
        List<Long> exitOrders = ordersWithCid(exitCid).stream().map(Order::id).toList();
        assertThat(exitOrders).isNotEmpty();
        Order entry = ordersWithCid(VerdictCids.entry(verdictId)).getFirst();

        // A new instance, whose entry's fill is seen again (a redelivered verdict finds the filled entry by cid).
        OrderJournal restarted = new OrderJournal(kafkaConfig, Topics.ORDERS_EVENTS, Duration.ofHours(48));
        restarted.restore(Duration.ofSeconds(30));
        Map<String, Double> before = lookups("exit");
        ExitOrders next = new ExitOrders(exchange, cidLookup, publisher, orderEntry, restarted, new FillFees(),
                orderConfig);
        List<Order> exit = next.place(new ExitPlan(verdictId, BTC, new BigDecimal("44000"), new BigDecimal("42000"),
                Instant.ofEpochMilli(entry.mtsCreate())), entry, true);

        assertThat(exit).extracting(Order::id).containsAnyElementsOf(exitOrders);
        assertThat(ordersWithCid(exitCid)).extracting(Order::id).containsExactlyInAnyOrderElementsOf(exitOrders);
        assertThat(lookupsSince("exit", before)).containsExactlyInAnyOrderEntriesOf(Map.of(OrderJournal.JOURNALED, 1.0));
    }

    @Test
    @org.junit.jupiter.api.Order(17)
    void anOrderGoesOverRestWhileTheSocketIsNotAuthenticated() throws Exception {
        // A socket of this key that was never authenticated (as one reconnecting is): the order must still leave, once.
        try (io.tradingbot.bitfinex.ws.BitfinexWebSocketClient down =
                new io.tradingbot.bitfinex.ws.BitfinexWebSocketClient(clientConfig)) {
            OrderEntry entry = new OrderEntry(exchange, down, orderConfig, meters);
            long cid = VerdictCids.entry("verdict:socket-down");
            double restBefore = submits("rest", "answered");
            double wsBefore = submits("websocket", null);

            io.tradingbot.bitfinex.model.SubmittedOrder placed = entry.submit(OrderRequest.builder(OrderType.EXCHANGE_LIMIT,
                    BTC, new BigDecimal("0.001")).price(new BigDecimal("30006")).cid(cid).build());

            assertThat(placed.recoveredByLookup()).isFalse();
            assertThat(placed.order().cid()).isEqualTo(cid);
            assertThat(ordersWithCid(cid)).extracting(Order::id).containsExactly(placed.order().id());
            assertThat(submits("rest", "answered") - restBefore).isEqualTo(1.0);
            assertThat(submits("websocket", null) - wsBefore).isZero();
            exchange.cancelOrder(placed.order().id());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(18)
    void aVerdictThatWaitedTooLongIsNotPlaced() throws Exception {
        // Made five minutes ago: what a consumer catching up after an outage, or starting from the topic's beginning, reads.
        Instant fiveMinutesAgo = Instant.now().minus(Duration.ofMinutes(5));
        RiskVerdict old = verdict("verdict:waited", Side.BUY, "0.001", "EXCHANGE LIMIT", "30007", null, null,
                fiveMinutesAgo);
        long cid = VerdictCids.entry(old.id());
        Map<String, Double> before = lookups();

        topics().send(Topics.RISK_VERDICTS, BTC, old);

        TradeResult result = result(old.id(), r -> true);
        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("not traded: the verdict was made 300 s ago")
                .contains("more than the 60 s a verdict stays valid");
        assertThat(journal.contains(cid)).as("nothing journaled").isFalse();
        assertThat(lookupsSince(before)).as("no exchange look-up for an old verdict nobody sent").isEmpty();

        // On demand it is refused alike; the same verdict made now is placed.
        RiskVerdict onDemand = verdict("verdict:waited-rest", Side.BUY, "0.001", "EXCHANGE LIMIT", "30007", null, null,
                fiveMinutesAgo);
        riskServes(onDemand);
        RestAssured.given().contentType(ContentType.JSON).body("{\"verdict_id\":\"verdict:waited-rest\"}")
                .post("/orders").then().statusCode(422).body("error", containsString("s a verdict stays valid"));
        RiskVerdict fresh = verdict("verdict:waited-fresh", Side.BUY, "0.001", "EXCHANGE LIMIT", "30007", null, null);
        topics().send(Topics.RISK_VERDICTS, BTC, fresh);
        assertThat(result(fresh.id(), r -> true).success()).isTrue();
        assertThat(ordersWithCid(VerdictCids.entry(fresh.id()))).hasSize(1);
        assertThat(ordersWithCid(cid)).isEmpty();
        assertThat(ordersWithCid(VerdictCids.entry(onDemand.id()))).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(19)
    void aVerdictThatClosesATradeCancelsItsExitAndSellsExactlyWhatTheTradeHeld() throws Exception {
        sim.setPrice(BTC, "43000");
        BigDecimal btcBefore = new BigDecimal(wallet("exchange", "BTC").path("balance").asText());
        RiskVerdict buy = verdict("verdict:to-close", Side.BUY, "0.01", "EXCHANGE MARKET", null, "40000", "46000");
        long exitCid = VerdictCids.exit(buy.id());
        topics().send(Topics.RISK_VERDICTS, BTC, buy);
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().filter(o -> o.state() == Order.State.ACTIVE)
                .count() == 2);

        // The SELL: the exit OCO (both legs) off the book, then a market sale of the 0.00998 BTC it held.
        RiskVerdict close = closing("verdict:closes-it", buy.id(), "0.00998");
        long closeCid = VerdictCids.entry(close.id());
        topics().send(Topics.RISK_VERDICTS, BTC, close);
        TradeResult closed = result(close.id(), r -> true);
        assertThat(closed.success()).as(closed.message()).isTrue();
        assertThat(closed.message()).isEqualTo("order placed: EXCHANGE MARKET -0.00998 tBTCUSD, closing the trade "
                + buy.id() + " (its exit cancelled)");
        assertThat(ordersWithCid(exitCid)).hasSize(2).allMatch(o -> o.state() == Order.State.CANCELED);
        List<Order> sale = ordersWithCid(closeCid);
        assertThat(sale).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(Order.State.EXECUTED);
            assertThat(o.amountOrig()).isEqualByComparingTo("-0.00998");
            assertThat(o.meta().path("role").asText()).isEqualTo("close");
            assertThat(o.meta().path("closes").asText()).isEqualTo(buy.id());
        });
        // The user's coins are as they were: the bot sold what it bought, no more.
        await().atMost(WAIT).untilAsserted(() -> assertThat(new BigDecimal(wallet("exchange", "BTC").path("balance")
                .asText())).isEqualByComparingTo(btcBefore));
        // Delivered again, it is that same sale.
        topics().send(Topics.RISK_VERDICTS, BTC, close);
        assertThat(results(close.id(), list -> list.size() >= 2).get(1).message()).contains("already placed");
        assertThat(ordersWithCid(closeCid)).hasSize(1);

        // An exit that filled before the close came: the trade closed itself, nothing is sold.
        RiskVerdict second = verdict("verdict:closed-by-exit", Side.BUY, "0.01", "EXCHANGE MARKET", null, "40000",
                "44000");
        long secondExit = VerdictCids.exit(second.id());
        topics().send(Topics.RISK_VERDICTS, BTC, second);
        await().atMost(WAIT).until(() -> ordersWithCid(secondExit).stream().anyMatch(o -> o.state() == Order.State.ACTIVE));
        sim.setPrice(BTC, "44100");
        await().atMost(WAIT).until(() -> ordersWithCid(secondExit).stream().anyMatch(o -> o.state() == Order.State.EXECUTED));
        RiskVerdict late = closing("verdict:too-late", second.id(), "0.00998");
        topics().send(Topics.RISK_VERDICTS, BTC, late);
        TradeResult nothing = result(late.id(), r -> true);
        assertThat(nothing.success()).isFalse();
        assertThat(nothing.message()).startsWith("not traded: the exit of the trade " + second.id() + " filled first")
                .endsWith("the trade is closed and nothing was sold");
        assertThat(ordersWithCid(VerdictCids.entry(late.id()))).isEmpty();

        // An exit already cancelled (a close cut short after its cancel): what it held is still sold, once.
        sim.setPrice(BTC, "43000");
        RiskVerdict third = verdict("verdict:cut-short", Side.BUY, "0.01", "EXCHANGE MARKET", null, "40000", "46000");
        long thirdExit = VerdictCids.exit(third.id());
        topics().send(Topics.RISK_VERDICTS, BTC, third);
        await().atMost(WAIT).until(() -> ordersWithCid(thirdExit).stream().anyMatch(o -> o.state() == Order.State.ACTIVE));
        exchange.cancelOrder(ordersWithCid(thirdExit).getFirst().id());
        RiskVerdict finish = closing("verdict:finishes-it", third.id(), "0.00998");
        topics().send(Topics.RISK_VERDICTS, BTC, finish);
        assertThat(result(finish.id(), r -> true).success()).isTrue();
        assertThat(ordersWithCid(VerdictCids.entry(finish.id()))).singleElement()
                .satisfies(o -> assertThat(o.amountOrig()).isEqualByComparingTo("-0.00998"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(new BigDecimal(wallet("exchange", "BTC").path("balance")
                .asText())).isEqualByComparingTo(btcBefore));

        // An exit this instance never saw (placed before a restart): found, cancelled and read back over REST.
        RiskVerdict fourth = verdict("verdict:unseen-exit", Side.BUY, "0.01", "EXCHANGE MARKET", null, "40000",
                "46000");
        long fourthExit = VerdictCids.exit(fourth.id());
        topics().send(Topics.RISK_VERDICTS, BTC, fourth);
        await().atMost(WAIT).until(() -> ordersWithCid(fourthExit).stream().filter(o -> o.state() == Order.State.ACTIVE)
                .count() == 2);
        OrderLifecycle restarted = new OrderLifecycle(publisher, exitOrders, exchange, orderConfig);
        TradeCloser.Left left = new TradeCloser(exchange, socket, restarted, exitOrders, orderConfig)
                .cancelExit(closing("verdict:after-restart", fourth.id(), "0.00998"));
        assertThat(left.amount()).isEqualByComparingTo("0.00998");
        assertThat(ordersWithCid(fourthExit)).hasSize(2).allMatch(o -> o.state() == Order.State.CANCELED);
    }

    @Test
    @org.junit.jupiter.api.Order(20)
    void anEntryThatFilledWhileNoOrderServiceWatchedGetsItsExitAtTheNextResync() throws Exception {
        sim.setPrice(BTC, "43000");
        // An account this instance does not watch: its orders fill as an account's do while order-service is down.
        io.tradingbot.bitfinex.config.BitfinexClientConfig config = unwatchedAccount("unwatched");
        try (BitfinexRestClient other = new BitfinexRestClient(config);
                io.tradingbot.bitfinex.ws.BitfinexWebSocketClient idle =
                        new io.tradingbot.bitfinex.ws.BitfinexWebSocketClient(config)) {
            // The crash came between this entry's fill and its exit.
            String unprotected = "verdict:filled-unseen";
            other.submitOrder(entryOf(unprotected, "0.002"));
            // This one's exit was placed, then cancelled by hand: the trade was closed on purpose and stays so.
            String closedByHand = "verdict:exit-cancelled-by-hand";
            other.submitOrder(entryOf(closedByHand, "0.002"));
            long handExit = other.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC,
                    new BigDecimal("-0.001996")).price(new BigDecimal("44500")).cid(VerdictCids.exit(closedByHand))
                    .build()).order().id();
            other.cancelOrder(handExit);

            OrderLifecycle restarted = new OrderLifecycle(publisher, exitsOn(other, idle, orderConfig), other, orderConfig);
            assertThat(restarted.placeMissingExits(other.activeOrders())).containsExactly(unprotected);

            long exitCid = VerdictCids.exit(unprotected);
            await().atMost(WAIT).until(() -> other.activeOrders().stream().anyMatch(o -> o.cid() != null
                    && o.cid() == exitCid && o.state() == Order.State.ACTIVE));
            List<Order> exit = other.activeOrders().stream().filter(o -> o.cid() != null && o.cid() == exitCid).toList();
            // What the market buy left after its 0.2 % taker fee, at the entry's take profit with its stop loss.
            assertThat(exit).filteredOn(o -> "EXCHANGE LIMIT".equals(o.type())).singleElement().satisfies(o -> {
                assertThat(o.amountOrig()).isEqualByComparingTo("-0.001996");
                assertThat(o.price()).isEqualByComparingTo("44500");
                assertThat(o.hasFlag(OrderFlags.OCO)).isTrue();
            });
            assertThat(other.activeOrders()).noneMatch(o -> o.cid() != null && o.cid() == VerdictCids.exit(closedByHand));

            // The next resync finds the exit open: nothing is placed twice.
            assertThat(restarted.placeMissingExits(other.activeOrders())).isEmpty();
            assertThat(other.activeOrders()).filteredOn(o -> o.cid() != null && o.cid() == exitCid)
                    .extracting(Order::id).containsExactlyInAnyOrderElementsOf(exit.stream().map(Order::id).toList());
            other.cancelOrder(exit.getFirst().id());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(21)
    void aMarketEntryThatEmptiedTheBookGetsItsExitForWhatFilled() throws Exception {
        // At 100 the book offers 25 levels of 0.5 BTC: a buy of 13 takes 12.5 and the exchange cancels the rest.
        exchange.activeOrders().stream().filter(o -> BTC.equals(o.symbol())).forEach(o -> exchange.cancelOrder(o.id()));
        sim.setPrice(BTC, "100");
        BigDecimal btcBefore = new BigDecimal(wallet("exchange", "BTC").path("balance").asText());
        RiskVerdict buy = verdict("verdict:book-emptied", Side.BUY, "13", "EXCHANGE MARKET", null, "90", "110");
        topics().send(Topics.RISK_VERDICTS, BTC, buy);
        assertThat(result(buy.id(), r -> true).success()).isTrue();
        long entryCid = VerdictCids.entry(buy.id());
        List<OrderEvent> entry = events(list -> list.stream().anyMatch(e -> e.cid() == entryCid
                && e.status() == OrderStatus.CANCELLED)).stream().filter(e -> e.cid() == entryCid).toList();
        assertThat(entry.getLast().reason()).startsWith("CANCELED was: PARTIALLY FILLED");
        assertThat(entry.getLast().amountRemaining()).isEqualByComparingTo("0.5");

        // The 12.5 it bought, less the 0.2 % fee taken in BTC, get their stop loss and take profit.
        long exitCid = VerdictCids.exit(buy.id());
        Order takeProfit = takeProfitLeg(exitCid);
        assertThat(takeProfit.amountOrig()).isEqualByComparingTo("-12.475");
        assertThat(takeProfit.price()).isEqualByComparingTo("110");
        assertThat(takeProfit.hasFlag(OrderFlags.OCO)).isTrue();
        assertThat(results(buy.id(), list -> list.size() >= 2)).anyMatch(r -> r.success()
                && r.message().startsWith("exit placed: -12.475") && r.message().endsWith("take profit 110 or stop loss 90"));
        sim.setPrice(BTC, "111");
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().anyMatch(o -> o.state() == Order.State.EXECUTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(new BigDecimal(wallet("exchange", "BTC").path("balance")
                .asText())).isEqualByComparingTo(btcBefore));

        // The same entry cut short while no order-service watched: the next resync places its exit.
        sim.setPrice(BTC, "100");
        io.tradingbot.bitfinex.config.BitfinexClientConfig config = unwatchedAccount("unwatched-partial");
        try (BitfinexRestClient other = new BitfinexRestClient(config);
                io.tradingbot.bitfinex.ws.BitfinexWebSocketClient idle =
                        new io.tradingbot.bitfinex.ws.BitfinexWebSocketClient(config)) {
            String cutShort = "verdict:cut-short-unseen";
            other.submitOrder(entryOf(cutShort, "13", "110", "90"));
            OrderLifecycle restarted = new OrderLifecycle(publisher, exitsOn(other, idle, orderConfig), other, orderConfig);
            assertThat(restarted.placeMissingExits(other.activeOrders())).containsExactly(cutShort);
            long unseenExit = VerdictCids.exit(cutShort);
            await().atMost(WAIT).until(() -> other.activeOrders().stream().anyMatch(o -> o.cid() != null
                    && o.cid() == unseenExit && "EXCHANGE LIMIT".equals(o.type())));
            Order exit = other.activeOrders().stream().filter(o -> o.cid() != null && o.cid() == unseenExit
                    && "EXCHANGE LIMIT".equals(o.type())).findFirst().orElseThrow();
            assertThat(exit.amountOrig()).isEqualByComparingTo("-12.475");
            other.cancelOrder(exit.id());

            // One cut short whose exit never reached the exchange, closed by a SELL: what it left after its fee is sold.
            String closedUnexited = "verdict:cut-short-closed";
            other.submitOrder(entryOf(closedUnexited, "13", "110", "90"));
            OrderLifecycle fresh = new OrderLifecycle(publisher, exitsOn(other, idle, orderConfig), other, orderConfig);
            TradeCloser.Left left = new TradeCloser(other, idle, fresh, exitsOn(other, idle, orderConfig), orderConfig)
                    .cancelExit(closing("verdict:closes-cut-short", closedUnexited, "12.5"));
            assertThat(left.hadExit()).isFalse();
            assertThat(left.amount()).as(left.why()).isEqualByComparingTo("12.475");
        } finally {
            sim.setPrice(BTC, "43000");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(22)
    void aCloseThatCannotWithdrawTheExitInTimeSellsNothingAndTheTradeKeepsItsExit() throws Exception {
        sim.setPrice(BTC, "43000");
        io.tradingbot.bitfinex.config.BitfinexClientConfig config = unwatchedAccount("unwatched-withdraw");
        // The thread that places exits stays busy for 3 s on this exit (waiting for fees no socket reports), and a close
        // gives its withdrawal 200 ms.
        OrderConfig busyExits = (OrderConfig) java.lang.reflect.Proxy.newProxyInstance(OrderConfig.class.getClassLoader(),
                new Class<?>[]{OrderConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "exitFeeWait" -> Duration.ofSeconds(3);
                    case "lookupTimeout" -> Duration.ofMillis(200);
                    default -> method.invoke(orderConfig, args);
                });
        try (BitfinexRestClient other = new BitfinexRestClient(config);
                io.tradingbot.bitfinex.ws.BitfinexWebSocketClient idle =
                        new io.tradingbot.bitfinex.ws.BitfinexWebSocketClient(config)) {
            String trade = "verdict:withdrawal-too-late";
            other.submitOrder(entryOf(trade, "0.002"));
            ExitOrders exits = exitsOn(other, idle, busyExits);
            OrderLifecycle restarted = new OrderLifecycle(publisher, exits, other, busyExits);
            assertThat(restarted.placeMissingExits(other.activeOrders())).containsExactly(trade);

            // Its first try then meets a busy exchange; the next comes a second later, after the close gave up.
            sim.httpFault(500, 1, "/v2/auth/w/order/submit");
            TradeCloser closer = new TradeCloser(other, idle, restarted, exits, busyExits);
            assertThatThrownBy(() -> closer.cancelExit(closing("verdict:withdraws-too-late", trade, "0.001996")))
                    .isInstanceOf(TradeCloser.NotCancelled.class)
                    .hasMessage("not traded: the trade " + trade + " has no exit on the exchange, and its exit could not "
                            + "be withdrawn within PT0.2S (one may still be placed); nothing was sold");

            // Given up, the withdrawal never runs: the try after it places the exit, and the trade keeps its stop loss.
            long exitCid = VerdictCids.exit(trade);
            await().atMost(WAIT).until(() -> other.activeOrders().stream().filter(o -> o.cid() != null
                    && o.cid() == exitCid && o.state() == Order.State.ACTIVE).count() == 2);
            assertThat(other.activeOrders()).filteredOn(o -> o.cid() != null && o.cid() == exitCid)
                    .filteredOn(o -> "EXCHANGE LIMIT".equals(o.type())).singleElement()
                    .satisfies(o -> assertThat(o.amountOrig()).isEqualByComparingTo("-0.001996"));
            assertThat(other.orderHistory(BTC, HistoryQuery.limit(50))).as("nothing sold")
                    .noneMatch(o -> o.amountOrig() != null && o.amountOrig().signum() < 0);
            other.cancelOrder(other.activeOrders().stream().filter(o -> o.cid() != null && o.cid() == exitCid)
                    .findFirst().orElseThrow().id());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(23)
    void aLimitEntryRestingPartlyFilledHasItsRemainderCancelledAfterTheGraceAndWhatFilledGetsItsExit() throws Exception {
        exchange.activeOrders().stream().filter(o -> BTC.equals(o.symbol())).forEach(o -> exchange.cancelOrder(o.id()));
        sim.setPrice(BTC, "100");
        try {
            BigDecimal btcBefore = new BigDecimal(wallet("exchange", "BTC").path("balance").asText());
            long sent = System.currentTimeMillis();
            RiskVerdict buy = verdict("verdict:limit-partly-filled", Side.BUY, "1", "EXCHANGE LIMIT", "99.9", "90", "110");
            topics().send(Topics.RISK_VERDICTS, BTC, buy);
            assertThat(result(buy.id(), r -> true).success()).isTrue();
            long entryCid = VerdictCids.entry(buy.id());
            await().atMost(WAIT).until(() -> ordersWithCid(entryCid).stream().anyMatch(o -> o.state() == Order.State.ACTIVE));
            Order entry = ordersWithCid(entryCid).getFirst();
            // Sent with order.entry-time-in-force (10 min): the exchange holds the time it cancels the entry at.
            assertThat(entry.mtsTif()).isBetween(sent + 600_000, System.currentTimeMillis() + 601_000);

            // The market comes down to it: one level of the book (0.5) crosses the limit, half the entry fills; then
            // the market moves away, and the other half would rest for the ten minutes with the 0.5 unprotected.
            sim.setPrice(BTC, "99.88");
            await().atMost(WAIT).until(() -> ordersWithCid(entryCid).stream()
                    .anyMatch(o -> o.state() == Order.State.PARTIALLY_FILLED));
            long partlyFilled = System.nanoTime();
            sim.setPrice(BTC, "105");

            // After order.partial-fill-grace (1 s here; the exchange's clock stands still, so it is not the time in
            // force) order-service cancels the rest, and the 0.5 that filled (less the 0.1 % maker fee taken in BTC)
            // get their stop loss and take profit.
            List<OrderEvent> ended = events(list -> list.stream().anyMatch(e -> e.cid() == entryCid
                    && e.status() == OrderStatus.CANCELLED)).stream().filter(e -> e.cid() == entryCid).toList();
            assertThat(Duration.ofNanos(System.nanoTime() - partlyFilled)).as("the grace, less the test's polling")
                    .isGreaterThan(Duration.ofMillis(500));
            assertThat(ended.getLast().reason()).startsWith("CANCELED was: PARTIALLY FILLED @ 99.9(0.5)");
            long exitCid = VerdictCids.exit(buy.id());
            Order takeProfit = takeProfitLeg(exitCid);
            assertThat(takeProfit.amountOrig()).isEqualByComparingTo("-0.4995");
            assertThat(takeProfit.price()).isEqualByComparingTo("110");
            assertThat(takeProfit.mtsTif()).as("an exit waits as long as the trade does").isNull();
            sim.setPrice(BTC, "111");
            await().atMost(WAIT).untilAsserted(() -> assertThat(new BigDecimal(wallet("exchange", "BTC").path("balance")
                    .asText())).isEqualByComparingTo(btcBefore));
        } finally {
            sim.setPrice(BTC, "43000");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(24)
    void aPartFilledBelowThePairsMinimumRestsOnUntilMoreFillsThenGetsItsExit() throws Exception {
        String dust = "tDSTUSD";
        sim.setPrice(dust, "100");
        RiskVerdict buy = new RiskVerdict("verdict:dust-partly-filled", "sig-dust", dust, Side.BUY, true, RiskLevel.LOW,
                List.of("within limits"), new BigDecimal("0.01"), "EXCHANGE LIMIT", new BigDecimal("99.9"), BigDecimal.ONE,
                new BigDecimal("90"), new BigDecimal("110"), Instant.now());
        topics().send(Topics.RISK_VERDICTS, dust, buy);
        assertThat(result(buy.id(), r -> true).success()).isTrue();
        long entryCid = VerdictCids.entry(buy.id());
        Supplier<Optional<Order>> entry = () -> exchange.activeOrders().stream()
                .filter(o -> o.cid() != null && o.cid() == entryCid).findFirst();
        await().atMost(WAIT).until(() -> entry.get().isPresent());

        // One level of the book (0.0005) crosses the limit: below the pair's minimum of 0.001, too little for an exit, so
        // past the grace (1 s here) the entry rests on rather than being cut to dust.
        sim.setPrice(dust, "99.88");
        await().atMost(WAIT).until(() -> entry.get().filter(o -> o.state() == Order.State.PARTIALLY_FILLED).isPresent());
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> entry.get().filter(o -> o.state() == Order.State.PARTIALLY_FILLED).isPresent());

        // Five more levels cross it: what filled is past the minimum, and the next grace cuts the rest and places the exit.
        sim.setPrice(dust, "99.8");
        List<OrderEvent> ended = events(list -> list.stream().anyMatch(e -> e.cid() == entryCid
                && e.status() == OrderStatus.CANCELLED)).stream().filter(e -> e.cid() == entryCid).toList();
        BigDecimal filled = ended.getLast().amountOriginal().subtract(ended.getLast().amountRemaining());
        assertThat(filled).isEqualByComparingTo("0.003");
        long exitCid = VerdictCids.exit(buy.id());
        await().atMost(WAIT).until(() -> exchange.activeOrders().stream()
                .filter(o -> o.cid() != null && o.cid() == exitCid).count() == 2);
        // What filled less the 0.1 % maker fee taken in DST.
        assertThat(exchange.activeOrders()).filteredOn(o -> o.cid() != null && o.cid() == exitCid
                && "EXCHANGE LIMIT".equals(o.type())).singleElement()
                .satisfies(o -> assertThat(o.amountOrig()).isEqualByComparingTo("-0.002997"));
        exchange.activeOrders().stream().filter(o -> o.cid() != null && o.cid() == exitCid).findFirst()
                .ifPresent(o -> exchange.cancelOrder(o.id()));
    }

    /** The take-profit leg of a spot exit, once both legs of its OCO are on the book. */
    private Order takeProfitLeg(long exitCid) {
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().filter(o -> o.state() == Order.State.ACTIVE)
                .count() == 2);
        return ordersWithCid(exitCid).stream().filter(o -> o.state() == Order.State.ACTIVE
                && "EXCHANGE LIMIT".equals(o.type())).findFirst().orElseThrow();
    }

    /** A fresh account on the exchange, funded with 10,000 USD, that no order-service instance watches. */
    private io.tradingbot.bitfinex.config.BitfinexClientConfig unwatchedAccount(String name) {
        SimulatorProcess.Credentials unwatched = sim.createAccount(name, List.of("read", "write"),
                List.of(new SimulatorProcess.WalletSpec("exchange", "USD", "10000")));
        return io.tradingbot.bitfinex.config.BitfinexClientConfig.builder().baseUrl(sim.baseUrl())
                .credentials(unwatched.apiKey(), unwatched.apiSecret()).build();
    }

    /** The exits an instance starting on that account places: no socket of its own reports the fills' fees. */
    private ExitOrders exitsOn(BitfinexRestClient other, io.tradingbot.bitfinex.ws.BitfinexWebSocketClient idle,
            OrderConfig config) {
        return new ExitOrders(other, new CidLookup(other, meters), publisher, new OrderEntry(other, idle, orderConfig,
                meters), journal, new FillFees(), config);
    }

    /** A market buy as order-service places an entry: its exit plan in its meta. */
    private static OrderRequest entryOf(String verdictId, String amount) {
        return entryOf(verdictId, amount, "44500", "41000");
    }

    private static OrderRequest entryOf(String verdictId, String amount, String takeProfit, String stopLoss) {
        return OrderRequest.builder(OrderType.EXCHANGE_MARKET, BTC, new BigDecimal(amount))
                .cid(VerdictCids.entry(verdictId)).meta(Map.of("verdict_id", verdictId, "role", "entry",
                        "take_profit", takeProfit, "stop_loss", stopLoss)).build();
    }

    /** risk-service's close of the trade of verdict {@code trade}: a market SELL of what it holds, no exits. */
    private static RiskVerdict closing(String id, String trade, String amount) {
        return new RiskVerdict(id, "sig-" + id, BTC, Side.SELL, true, RiskLevel.LOW, List.of("closes the long trade"),
                new BigDecimal(amount), "EXCHANGE MARKET", new BigDecimal("43000"), BigDecimal.ONE, null, null,
                Instant.now(), trade);
    }

    // ---------------------------------------------------------------- helpers

    /** {@code tradingbot_exchange_submit_seconds_count} of a route, of one outcome or (null) all. */
    private static double submits(String route, String outcome) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return outcome == null
                ? Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "route=\"" + route + "\"")
                : Prometheus.sum(metrics, "tradingbot_exchange_submit_seconds_count", "route=\"" + route + "\"",
                        "outcome=\"" + outcome + "\"");
    }

    @Test
    @org.junit.jupiter.api.Order(98)
    void aVerdictWhoseOrderIsDeepInTheHistoryIsFoundByCidAndNotPlacedAgain() throws Exception {
        RiskVerdict buy = verdict("verdict:deep-in-history", Side.BUY, "0.001", "EXCHANGE MARKET", null, null, null);
        long cid = VerdictCids.entry(buy.id());
        OrderExecutor executor = new OrderExecutor(orderEntry, cidLookup, lifecycle, orderConfig, submitting,
                journal, closer);
        assertThat(executor.execute(buy).success()).isTrue();
        long placed = ordersWithCid(cid).getFirst().id();
        // More orders since than one history read gives without a limit (Bitfinex: 25).
        for (int i = 0; i < 30; i++) {
            exchange.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, BTC, new BigDecimal("0.0001")).build());
        }

        TradeResult again = executor.execute(buy);

        assertThat(again.success()).as(again.message()).isTrue();
        assertThat(again.message()).contains("already placed as order " + placed);
        assertThat(ordersWithCid(cid)).extracting(Order::id).containsExactly(placed);
    }

    @Test
    @org.junit.jupiter.api.Order(99) // moves the exchange's clock to tomorrow: after every test that reads its candles
    void aVerdictFilledWhenItIsAlreadyTomorrowOnTheExchangeIsFoundByCidAndNotPlacedAgain() throws Exception {
        // The exchange dates orders by its own clock; CI met it half an hour past midnight while ours was not yet there.
        long tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(Duration.ofMinutes(30)).toEpochMilli();
        sim.advanceClock(Math.max(0, tomorrow - sim.now()));
        RiskVerdict buy = verdict("verdict:exchange-past-midnight", Side.BUY, "0.001", "EXCHANGE MARKET", null, null, null);
        long cid = VerdictCids.entry(buy.id());
        OrderExecutor executor = new OrderExecutor(orderEntry, cidLookup, lifecycle, orderConfig, submitting,
                journal, closer);

        TradeResult first = executor.execute(buy);
        assertThat(first.success()).as(first.message()).isTrue();
        List<Order> placed = ordersWithCid(cid);
        assertThat(placed).hasSize(1);
        assertThat(Instant.ofEpochMilli(placed.getFirst().mtsCreate()).atZone(ZoneOffset.UTC).toLocalDate())
                .as("dated by the exchange's clock").isAfter(LocalDate.now(ZoneOffset.UTC));
        TradeResult again = executor.execute(buy);

        assertThat(again.success()).as(again.message()).isTrue();
        assertThat(again.message()).contains("already placed as order " + placed.getFirst().id());
        assertThat(ordersWithCid(cid)).extracting(Order::id).containsExactly(placed.getFirst().id());
    }

    @Test
    @org.junit.jupiter.api.Order(100) // moves the exchange's clock days ahead: after every other ordered test
    void aCloseCutShortFindsAnExitPlacedDaysAgoAmongTheOrdersClosedLast() throws Exception {
        // The exchange dates the exit three days from our today: out of the days a look-up by cid reads.
        sim.advanceClock(Duration.ofDays(3).toMillis());
        sim.setPrice(BTC, "43000");
        RiskVerdict buy = verdict("verdict:days-old-trade", Side.BUY, "0.01", "EXCHANGE MARKET", null, "40000", "46000");
        long exitCid = VerdictCids.exit(buy.id());
        topics().send(Topics.RISK_VERDICTS, BTC, buy);
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().filter(o -> o.state() == Order.State.ACTIVE)
                .count() == 2);
        // A crashed instance cancelled the exit; the one after it never saw the exit and finds it over REST.
        exchange.cancelOrder(ordersWithCid(exitCid).getFirst().id());
        await().atMost(WAIT).until(() -> ordersWithCid(exitCid).stream().noneMatch(o -> o.state() == Order.State.ACTIVE));
        OrderLifecycle restarted = new OrderLifecycle(publisher, exitOrders, exchange, orderConfig);
        TradeCloser.Left left = new TradeCloser(exchange, socket, restarted, exitOrders, orderConfig)
                .cancelExit(closing("verdict:closes-days-old", buy.id(), "0.00998"));
        assertThat(left.amount()).as(left.why()).isEqualByComparingTo("0.00998");
    }

    private void awaitReady() {
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200));
    }

    private KafkaTopics topics() {
        return new KafkaTopics(broker.bootstrapServers());
    }

    /** A BUY limit verdict on {@code symbol}, far below the market (it rests). */
    private static RiskVerdict verdict(String symbol, String id, String amount, String price) {
        return new RiskVerdict(id, "sig-" + id, symbol, Side.BUY, true, RiskLevel.LOW, List.of("within limits"),
                new BigDecimal(amount), "EXCHANGE LIMIT", new BigDecimal(price), BigDecimal.ONE, null, null, Instant.now());
    }

    private static final List<String> LOOKUP_REASONS = List.of(OrderJournal.NOT_RESTORED, OrderJournal.JOURNALED,
            OrderJournal.OLDER_THAN_JOURNAL, "lost_answer");

    /** The authenticated REST requests the exchange has had on {@code endpoint} (the simulator's count). */
    private double exchangeRequests(String endpoint) {
        return Prometheus.sum(RestAssured.get(sim.baseUrl() + "/q/metrics").then().statusCode(200).extract().asString(),
                "sim_auth_requests_total", "endpoint=\"" + endpoint + "\"");
    }

    /** {@code tradingbot_order_cid_lookups_total} of entries by reason. */
    private static Map<String, Double> lookups() {
        return lookups("entry");
    }

    /** {@code tradingbot_order_cid_lookups_total} of {@code order} (entry or exit) by reason. */
    private static Map<String, Double> lookups(String order) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> counts = new java.util.TreeMap<>();
        for (String reason : LOOKUP_REASONS) {
            counts.put(reason, Prometheus.sum(metrics, "tradingbot_order_cid_lookups_total", "order=\"" + order + "\"",
                    "reason=\"" + reason + "\""));
        }
        return counts;
    }

    /** The entries' look-ups since {@code before}, by reason (reasons without any left out). */
    private static Map<String, Double> lookupsSince(Map<String, Double> before) {
        return lookupsSince("entry", before);
    }

    private static Map<String, Double> lookupsSince(String order, Map<String, Double> before) {
        Map<String, Double> since = new java.util.TreeMap<>();
        lookups(order).forEach((reason, count) -> {
            if (count - before.get(reason) != 0) {
                since.put(reason, count - before.get(reason));
            }
        });
        return since;
    }

    private static RiskVerdict verdict(String id, Side side, String amount, String type, String price, String stopLoss,
            String takeProfit) {
        return verdict(id, side, amount, type, price, stopLoss, takeProfit, Instant.now());
    }

    private static RiskVerdict verdict(String id, Side side, String amount, String type, String price, String stopLoss,
            String takeProfit, Instant createdAt) {
        return new RiskVerdict(id, "sig-" + id, BTC, side, true, RiskLevel.LOW, List.of("within limits"),
                new BigDecimal(amount), type, price == null ? null : new BigDecimal(price), BigDecimal.ONE,
                stopLoss == null ? null : new BigDecimal(stopLoss), takeProfit == null ? null : new BigDecimal(takeProfit),
                createdAt);
    }

    private TradeResult result(String verdictId, Predicate<TradeResult> which) {
        List<TradeResult> results = results(verdictId, list -> list.stream().anyMatch(which));
        return results.stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no trade result for " + verdictId));
    }

    private List<TradeResult> results(String verdictId, Predicate<List<TradeResult>> until) {
        List<TradeResult> all = topics().read(Topics.TRADING_RESULTS, TradeResult.class,
                list -> until.test(list.stream().filter(r -> r.verdictId().equals(verdictId)).toList()), WAIT);
        return all.stream().filter(r -> r.verdictId().equals(verdictId)).toList();
    }

    /** The trade results of these verdicts, read until there is one for each. */
    private List<TradeResult> resultsOf(List<String> ids) {
        return topics().read(Topics.TRADING_RESULTS, TradeResult.class, list -> list.stream()
                .map(TradeResult::verdictId).collect(java.util.stream.Collectors.toSet()).containsAll(ids), WAIT)
                .stream().filter(r -> ids.contains(r.verdictId())).toList();
    }

    private static void assertAllPlaced(List<TradeResult> results, List<String> ids) {
        assertThat(results).extracting(TradeResult::verdictId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(results).allSatisfy(r -> assertThat(r.success()).as(r.message()).isTrue());
    }

    private List<OrderEvent> events(Predicate<List<OrderEvent>> until) {
        List<OrderEvent> all = topics().read(Topics.ORDERS_EVENTS, OrderEvent.class, until, WAIT);
        assertThat(until.test(all)).as("orders.events.v1 never showed what was expected: %s", all).isTrue();
        return all;
    }

    /** Every order with this cid the exchange has, open or closed. */
    private List<Order> ordersWithCid(long cid) {
        List<Order> found = new ArrayList<>();
        exchange.activeOrders().stream().filter(o -> o.cid() != null && o.cid() == cid).forEach(found::add);
        exchange.orderHistory(BTC, HistoryQuery.limit(500)).stream().filter(o -> o.cid() != null && o.cid() == cid)
                .forEach(found::add);
        return found;
    }

    private boolean activeOnSimulator(long cid) {
        for (JsonNode order : sim.account("paper").path("orders")) {
            if (order.path("cid").asLong() == cid) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> activePositions() {
        List<JsonNode> open = new ArrayList<>();
        for (JsonNode p : sim.account("paper").path("positions")) {
            if (p.path("symbol").asText().equals(BTC) && "ACTIVE".equalsIgnoreCase(p.path("status").asText())
                    && new BigDecimal(p.path("amount").asText("0")).signum() != 0) {
                open.add(p);
            }
        }
        return open;
    }

    private JsonNode wallet(String type, String currency) {
        for (JsonNode w : sim.account("paper").path("wallets")) {
            if (w.path("type").asText().equals(type) && w.path("currency").asText().equals(currency)) {
                return w;
            }
        }
        throw new AssertionError("no " + type + " " + currency + " wallet");
    }

    private static void riskServes(RiskVerdict verdict) throws Exception {
        String base = ConfigProvider.getConfig().getValue("quarkus.rest-client.risk.url", String.class);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/risk/verdicts/" + verdict.id()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(verdict))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(204);
        }
    }

    private static List<Long> openIds() {
        return RestAssured.get("/orders").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
