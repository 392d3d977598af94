package io.tradingbot.risk.flow;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.Wallet;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventJson;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.BatchConverterQueries;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.Prometheus;
import io.tradingbot.support.messaging.TradingSessions;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * risk-service as its neighbours see it, over a real broker that already holds an earlier instance's limits and
 * high-water mark: restored state, limits updates, the signal-to-verdict flow, and the kill switch.
 */
@QuarkusTest
@QuarkusTestResource(value = RestartedRiskBroker.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RiskFlowTest {
    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Inject
    TradingSessions sessions;

    @Test
    @Order(1)
    void aRestartKeepsTheOperatorsLimitsAndTheHighWaterMark() {
        BatchConverterQueries.reset(); // the last test reads how often converters were asked from here on
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                RestAssured.get("/q/health/ready").then().statusCode(200));
        RestAssured.get("/risk/limits").then().statusCode(200)
                .body("max_leverage", equalTo("2.5"))
                .body("max_position_size_by_symbol.tETHUSD", equalTo("0.5"))
                .body("updated_by", equalTo("alice"));
        RestAssured.get("/risk/kill-switch").then().statusCode(200)
                .body("high_water_mark", equalTo("10000"))
                .body("kill_switch_active", equalTo(false));
    }

    @Test
    @Order(2)
    void badLimitUpdatesAreRefusedByNameAndChangeNothing() {
        String valid = "{\"max_position_size\":\"0.01\",\"max_leverage\":\"3\",\"max_open_positions\":3,"
                + "\"max_drawdown_percent\":\"5\",\"stop_loss_percent\":\"2\",\"take_profit_percent\":\"5\"}";
        Map<String, String> bad = Map.of(
                valid.replace("\"max_leverage\":\"3\"", "\"max_leverage\":\"0.5\""), "max_leverage",
                valid.replace("\"stop_loss_percent\":\"2\"", "\"stop_loss_percent\":\"150\""), "stop_loss_percent",
                valid.replace("\"max_position_size\":\"0.01\"", "\"max_position_size\":\"-0.01\""), "max_position_size",
                valid.replace("\"max_position_size\":\"0.01\"", "\"max_position_size\":\"0\""), "max_position_size",
                valid.replace("\"max_drawdown_percent\":\"5\"", "\"max_drawdown_percent\":\"NaN\""), "max_drawdown_percent",
                valid.replace("\"max_open_positions\":3", "\"max_open_positions\":0"), "max_open_positions",
                valid.replace("\"take_profit_percent\":\"5\",", "").replace(",\"take_profit_percent\":\"5\"", ""),
                "take_profit_percent",
                "{\"max_position_size\":", "malformed JSON");
        bad.forEach((body, field) -> RestAssured.given().log().ifValidationFails().contentType(ContentType.JSON).body(body)
                .put("/risk/limits").then().log().ifValidationFails()
                .statusCode(400)
                .body("error", containsString(field)));
        RestAssured.get("/risk/limits").then().body("max_leverage", equalTo("2.5")).body("updated_by", equalTo("alice"));

        RestAssured.given().contentType(ContentType.JSON).header("X-TradingBot-User", "bob").body(valid)
                .put("/risk/limits").then().statusCode(200)
                .body("max_leverage", equalTo("3"))
                .body("updated_by", equalTo("bob"));
        // What a restarted instance would read back: the new limits are on the compacted topic.
        List<String> stored = records(Topics.RISK_LIMITS, list -> list.stream().anyMatch(s -> s.contains("\"bob\"")));
        assertThat(stored).anyMatch(s -> s.contains("\"max_leverage\":\"3\"") && s.contains("\"updated_by\":\"bob\""));
    }

    @Test
    @Order(3)
    void aSignalOfATradedSymbolGetsOneVerdictEvenWhenDeliveredTwice() throws Exception {
        send(Topics.TRADING_SESSIONS, "tBTCUSD", new TradingSession("tBTCUSD", true, "rsi-ema", Instant.now(), "test", null));
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("10000", "10000"));
        awaitHighWaterMark("10000");
        // signals of a symbol risk-service does not yet know as traded get no verdict: wait until it has read the session
        await().atMost(Duration.ofSeconds(30)).until(() -> sessions.activeSession("tBTCUSD").isPresent());

        Signal buy = signal("s-1", "tBTCUSD", SignalType.BUY, "50000");
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", buy);
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", buy);
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-2", "tBTCUSD", SignalType.HOLD, "50000"));
        send(Topics.STRATEGY_SIGNALS, "tETHUSD", signal("s-3", "tETHUSD", SignalType.BUY, "2000")); // no session
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-4", "tBTCUSD", SignalType.SELL, "50000"));

        List<RiskVerdict> verdicts = verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-4")));
        assertThat(verdicts).extracting(RiskVerdict::signalId).containsExactly("s-1", "s-4");
        RiskVerdict approved = verdicts.get(0);
        assertThat(approved.id()).isEqualTo("verdict:s-1");
        assertThat(approved.approved()).isTrue();
        assertThat(approved.amount()).isEqualByComparingTo("0.01");
        assertThat(approved.orderType()).isEqualTo("EXCHANGE MARKET");
        assertThat(approved.stopLoss()).isEqualByComparingTo("49000");
        assertThat(approved.takeProfit()).isEqualByComparingTo("52500");
        // A spot SELL closes the bot's trade: the one just approved is not in the account yet, so nothing is sold.
        RiskVerdict sell = verdicts.get(1);
        assertThat(sell.approved()).isFalse();
        assertThat(sell.reasons()).containsExactly("the long trade in tBTCUSD approved moments ago (verdict:s-1) is not "
                + "in the account yet: none of it can be sold yet");
        // Operators count verdicts by outcome: s-1 approved once although delivered twice, s-4 rejected.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(Prometheus.sum(metrics, "tradingbot_verdicts_total", "symbol=\"tBTCUSD\"", "outcome=\"approved\""))
                    .isEqualTo(1.0);
            assertThat(Prometheus.sum(metrics, "tradingbot_verdicts_total", "symbol=\"tBTCUSD\"", "outcome=\"rejected\""))
                    .isEqualTo(1.0);
            assertThat(Prometheus.sum(metrics, "tradingbot_verdicts_total", "symbol=\"tETHUSD\"")).isZero();
        });

        // The on-demand path gives the same judgement and keeps it for order-service (in another symbol: s-1 opened a
        // trade in tBTCUSD, which the on-demand path sees as well).
        String json = new String(EventJson.mapper().writeValueAsBytes(signal("s-5", "tETHUSD", SignalType.BUY, "2000")));
        RestAssured.given().contentType(ContentType.JSON).body(json).post("/risk/assess").then().statusCode(200)
                .body("id", equalTo("verdict:s-5")).body("approved", equalTo(true)).body("amount", equalTo("0.01"));
        RestAssured.get("/risk/verdicts/verdict:s-5").then().statusCode(200).body("signal_id", equalTo("s-5"));
        RestAssured.get("/risk/verdicts/verdict:nope").then().statusCode(404);
        RestAssured.given().contentType(ContentType.JSON)
                .body(json.replace("\"BUY\"", "\"HOLD\"")).post("/risk/assess").then().statusCode(400)
                .body("error", containsString("HOLD"));
        RestAssured.given().contentType(ContentType.JSON)
                .body(json.replace("\"current_price\":\"2000\"", "\"current_price\":\"-1\"")).post("/risk/assess")
                .then().statusCode(400).body("error", containsString("current_price"));
    }

    @Test
    @Order(4)
    void drawdownAtItsLimitStopsTradingUntilAnOperatorResetsIt() throws Exception {
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("9600", "9600"));
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("9499", "9499")); // 5.01% below the high of 10000
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/risk/kill-switch").then()
                .body("kill_switch_active", equalTo(true))
                .body("kill_switch_reason", containsString("has reached the 5% limit")));

        List<String> sessions = records(Topics.TRADING_SESSIONS,
                list -> list.stream().anyMatch(s -> s.contains("\"changed_by\":\"risk-service\"")));
        assertThat(sessions).anyMatch(s -> s.contains("\"symbol\":\"tBTCUSD\"") && s.contains("\"active\":false")
                && s.contains("kill switch"));

        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-6", "tBTCUSD", SignalType.BUY, "50000"));
        String json = new String(EventJson.mapper().writeValueAsBytes(signal("s-7", "tETHUSD", SignalType.BUY, "2000")));
        RestAssured.given().contentType(ContentType.JSON).body(json).post("/risk/assess").then().statusCode(200)
                .body("approved", equalTo(false))
                .body("risk_level", equalTo("HIGH"))
                .body("reasons[0]", containsString("kill switch is on"));

        RestAssured.given().header("X-TradingBot-User", "carol").post("/risk/kill-switch/reset").then().statusCode(200)
                .body("kill_switch_active", equalTo(false))
                .body("high_water_mark", equalTo("9499"))
                .body("updated_by", equalTo("carol"));
        RestAssured.given().contentType(ContentType.JSON).body(json.replace("s-7", "s-8")).post("/risk/assess").then()
                .statusCode(200).body("approved", equalTo(true));
    }

    @Test
    @Order(5)
    void aPoisonSignalIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, "tBTCUSD", "not json".getBytes())).get();
        }
        send(Topics.TRADING_SESSIONS, "tBTCUSD", new TradingSession("tBTCUSD", true, "rsi-ema", Instant.now(), "test", null));
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("9499", "9499"));
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-9", "tBTCUSD", SignalType.BUY, "50000"));
        assertThat(records(Topics.STRATEGY_SIGNALS + Topics.DEAD_LETTER_SUFFIX, list -> !list.isEmpty()))
                .contains("not json");
        assertThat(verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-9"))))
                .anyMatch(v -> v.signalId().equals("s-9"));
    }

    @Test
    @Order(6)
    void theBuysOfOneBurstSpendTheBalanceOnceUntilASnapshotShowsThem() throws Exception {
        for (String symbol : List.of("tETHUSD", "tLTCUSD")) {
            send(Topics.TRADING_SESSIONS, symbol, new TradingSession(symbol, true, "rsi-ema", Instant.now(), "test", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sessions.activeSession("tLTCUSD").isPresent()
                && sessions.activeSession("tETHUSD").isPresent());
        // A snapshot made after the earlier tests' approvals have settled, so that only this burst counts.
        Thread.sleep(3_100);
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("600", "9500"));
        awaitHighWaterMark("9500");
        // Three BUYs judged against that one snapshot, as a candle close brings them: each is sized from what the
        // approvals before it left (20 % of 600, of 480, of 384 USD at 50,000), not from the same 600 USD three times.
        List<String> ids = List.of("s-10", "s-11", "s-12");
        List<String> symbols = List.of("tBTCUSD", "tETHUSD", "tLTCUSD");
        for (int i = 0; i < ids.size(); i++) {
            send(Topics.STRATEGY_SIGNALS, symbols.get(i), signal(ids.get(i), symbols.get(i), SignalType.BUY, "50000"));
        }
        List<RiskVerdict> burst = verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-12"))).stream()
                .filter(v -> ids.contains(v.signalId())).toList();
        assertThat(burst).extracting(RiskVerdict::approved).containsExactly(true, true, true);
        assertThat(burst).extracting(RiskVerdict::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.0024"), new BigDecimal("0.00192"), new BigDecimal("0.001536"));
        assertThat(burst.get(1).reasons())
                .anyMatch(r -> r.contains("after 120 USD for orders approved and not in the account yet"));
        // and each opens its trade: a second BUY of the burst in a symbol already bought is refused
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-14", "tBTCUSD", SignalType.BUY, "50000"));
        assertThat(verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-14"))))
                .filteredOn(v -> v.signalId().equals("s-14")).singleElement()
                .satisfies(v -> assertThat(v.approved()).isFalse())
                .satisfies(v -> assertThat(v.reasons()).contains("a long trade in tBTCUSD was approved moments ago "
                        + "(verdict:s-10) and is not in the account yet"));

        // Once a snapshot made after them has come (their orders filled or failed by then), they count no more.
        Thread.sleep(3_100);
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("600", "9501"));
        awaitHighWaterMark("9501");
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-13", "tBTCUSD", SignalType.BUY, "50000"));
        assertThat(verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-13"))))
                .filteredOn(v -> v.signalId().equals("s-13")).singleElement()
                .satisfies(v -> assertThat(v.amount()).isEqualByComparingTo("0.0024"));
    }

    @Test
    @Order(7)
    void theBotsSpotTradesCountAsOpenPositionsWhileTheirExitsAreOnTheExchange() throws Exception {
        Thread.sleep(3_100); // the approvals before are settled by the next snapshot
        // Spot buys that filled are wallet balances on Bitfinex; their take-profit / stop-loss exits are what is open.
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("10000", "9502",
                List.of(exit(101, "tETHUSD"), exit(102, "tLTCUSD"), exit(103, "tXRPUSD"))));
        awaitHighWaterMark("9502");
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-20", "tBTCUSD", SignalType.BUY, "50000"));
        assertThat(verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-20"))))
                .filteredOn(v -> v.signalId().equals("s-20")).singleElement()
                .satisfies(v -> assertThat(v.approved()).isFalse())
                .satisfies(v -> assertThat(v.reasons()).contains("3 positions are open, the limit is 3"));

        // Two of them closed (their exits filled): a new symbol may trade, the one still open may not buy again.
        send(Topics.ACCOUNT_SNAPSHOTS, "paper", snapshot("10000", "9503", List.of(exit(101, "tETHUSD"))));
        awaitHighWaterMark("9503");
        send(Topics.STRATEGY_SIGNALS, "tBTCUSD", signal("s-21", "tBTCUSD", SignalType.BUY, "50000"));
        send(Topics.STRATEGY_SIGNALS, "tETHUSD", signal("s-22", "tETHUSD", SignalType.BUY, "2000"));
        List<RiskVerdict> after = verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-22"))).stream()
                .filter(v -> List.of("s-21", "s-22").contains(v.signalId())).toList();
        assertThat(after).extracting(RiskVerdict::approved).containsExactly(true, false);
        assertThat(after.get(1).reasons())
                .contains("a long trade in tETHUSD is already open (its exit order 101 is on the exchange)");

        // A SELL closes that trade: exactly what its exit holds, at market, no exits of its own; once, not twice.
        send(Topics.STRATEGY_SIGNALS, "tETHUSD", signal("s-23", "tETHUSD", SignalType.SELL, "2100"));
        send(Topics.STRATEGY_SIGNALS, "tETHUSD", signal("s-24", "tETHUSD", SignalType.SELL, "2100"));
        List<RiskVerdict> sells = verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-24"))).stream()
                .filter(v -> List.of("s-23", "s-24").contains(v.signalId())).toList();
        assertThat(sells).extracting(RiskVerdict::approved).containsExactly(true, false);
        RiskVerdict close = sells.get(0);
        assertThat(close.closes()).isEqualTo("verdict:tETHUSD");
        assertThat(close.amount()).isEqualByComparingTo("0.01");
        assertThat(close.orderType()).isEqualTo("EXCHANGE MARKET");
        assertThat(close.stopLoss()).isNull();
        assertThat(close.takeProfit()).isNull();
        assertThat(sells.get(1).closes()).isNull();
        assertThat(sells.get(1).reasons())
                .containsExactly("a close of the long trade in tETHUSD was approved moments ago (verdict:s-23)");
    }

    @Test
    @Order(8)
    void aSignalThatWaitedTooLongIsRefusedAndNotSized() throws Exception {
        // Made five minutes ago: what a consumer catching up after an outage, or starting from the topic's beginning, reads.
        Instant fiveMinutesAgo = Instant.now().minus(Duration.ofMinutes(5));
        send(Topics.STRATEGY_SIGNALS, "tLTCUSD", signal("s-30", "tLTCUSD", SignalType.BUY, "80", fiveMinutesAgo));
        RiskVerdict stale = verdicts(list -> list.stream().anyMatch(v -> v.signalId().equals("s-30"))).stream()
                .filter(v -> v.signalId().equals("s-30")).findFirst().orElseThrow();
        assertThat(stale.approved()).isFalse();
        assertThat(stale.amount()).isNull();
        assertThat(stale.reasons()).singleElement().asString().startsWith("signal made 300 s ago")
                .contains("more than the 60 s a signal stays valid");

        // The same signal made now trades; assessed on demand when already old, it does not.
        String fresh = new String(EventJson.mapper().writeValueAsBytes(signal("s-31", "tLTCUSD", SignalType.BUY, "80")));
        RestAssured.given().contentType(ContentType.JSON).body(fresh).post("/risk/assess").then().statusCode(200)
                .body("approved", equalTo(true));
        String old = new String(EventJson.mapper().writeValueAsBytes(signal("s-32", "tLTCUSD", SignalType.BUY, "80",
                fiveMinutesAgo)));
        RestAssured.given().contentType(ContentType.JSON).body(old).post("/risk/assess").then().statusCode(200)
                .body("approved", equalTo(false)).body("reasons[0]", containsString("s a signal stays valid"));
    }

    @Test
    @Order(9)
    void theSignalsPollsAreNeverSearchedForAConverter() {
        // The tests before sent signals one at a time, a poll each: whether a poll needs converting was settled once, not
        // searched for on each (with a String key SmallRye searched every converter bean per poll).
        assertThat(Arc.container().instance(BatchConverterQueries.class).isAvailable())
                .as("the counting converter is a bean here").isTrue();
        assertThat(BatchConverterQueries.asked()).as("times converters were asked about a poll of signals")
                .isLessThanOrEqualTo(1);
    }

    private void awaitHighWaterMark(String value) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.get("/risk/kill-switch").then()
                .statusCode(200).body("equity", equalTo(value)));
    }

    private void send(String topic, String key, Object event) throws Exception {
        try (var producer = new KafkaProducer<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new StringSerializer(), new EventSerializer<>())) {
            producer.send(new ProducerRecord<>(topic, key, event)).get(10, TimeUnit.SECONDS);
        }
    }

    private List<RiskVerdict> verdicts(Predicate<List<RiskVerdict>> enough) {
        List<RiskVerdict> result = new ArrayList<>();
        for (String json : records(Topics.RISK_VERDICTS, list -> enough.test(list.stream()
                .map(s -> new EventDeserializer<>(RiskVerdict.class).deserialize(Topics.RISK_VERDICTS, s.getBytes()))
                .toList()))) {
            result.add(new EventDeserializer<>(RiskVerdict.class).deserialize(Topics.RISK_VERDICTS, json.getBytes()));
        }
        return result;
    }

    /** Every record's value on a topic, read from the beginning until {@code enough} holds (and a moment more). */
    private List<String> records(String topic, Predicate<List<String>> enough) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!enough.test(values) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> values.add(r.value()));
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
            return values;
        }
    }

    private static Signal signal(String id, String symbol, SignalType type, String price) {
        return signal(id, symbol, type, price, Instant.now());
    }

    private static Signal signal(String id, String symbol, SignalType type, String price, Instant createdAt) {
        return new Signal(id, symbol, type, "test signal", new BigDecimal(price), new BigDecimal("31"),
                new BigDecimal(price), "rsi-ema", "1m", 1L, createdAt);
    }

    private static AccountSnapshot snapshot(String usd, String equity) {
        return snapshot(usd, equity, List.of());
    }

    private static AccountSnapshot snapshot(String usd, String equity, List<ActiveOrder> orders) {
        return new AccountSnapshot("paper", System.currentTimeMillis(),
                List.of(new Wallet("exchange", "USD", new BigDecimal(usd), BigDecimal.ZERO, new BigDecimal(usd))),
                List.of(), new MarginInfo(null, null, BigDecimal.ZERO, BigDecimal.ZERO, null),
                new AccountSummary(new BigDecimal(equity), BigDecimal.ZERO, BigDecimal.ZERO, null, null, "HEALTHY", 0,
                        BigDecimal.ZERO), orders);
    }

    /** The take-profit / stop-loss exit order-service places once a spot buy has filled. */
    private static ActiveOrder exit(long id, String symbol) {
        return new ActiveOrder(id, id * 7, symbol, "EXCHANGE LIMIT", new BigDecimal("-0.01"), new BigDecimal("-0.01"),
                new BigDecimal("52500"), ActiveOrder.EXIT, "verdict:" + symbol);
    }
}
