package io.tradingbot.strategy.flow;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.BatchConverterQueries;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Candles in over the real broker, signals out: the strategy-service as its consumers see it. The price path is the
 * crafted dip-and-rally of the rule tests (RSI(5) / EMA(10) configured for tBTCUSD in the test profile), so the signals are
 * known: SELL on bar 40, BUY on bar 44, SELL on bar 50, HOLD on every other bar.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SignalFlowTest {
    private static final double[] DIP_AND_RALLY = {
            101.0, 100.4, 101.4, 100.8, 101.8, 101.2, 102.2, 101.6, 102.6, 102.0,
            103.0, 102.4, 103.4, 102.8, 103.8, 103.2, 104.2, 103.6, 104.6, 104.0,
            105.0, 104.4, 105.4, 104.8, 105.8, 105.2, 106.2, 105.6, 106.6, 106.0,
            107.0, 106.4, 107.4, 106.8, 107.8, 107.2, 108.2, 107.6, 108.6, 108.0,
            106.5, 105.0, 103.5, 102.5, 106.5, 108.5, 111.5, 114.5, 117.5, 117.0,
            113.0};

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Test
    void everyClosedCandleOfATradedSymbolBecomesOneExplainedSignal() throws Exception {
        // Candle times run from now on, as a simulator clock ahead of the wall clock would make them.
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (var producer = producer()) {
            send(producer, Topics.TRADING_SESSIONS, "tBTCUSD", session("tBTCUSD", true));
            awaitSession("tBTCUSD");
            for (int i = 0; i < DIP_AND_RALLY.length; i++) {
                Candle candle = candle("tBTCUSD", start + i * 60_000L, DIP_AND_RALLY[i], true);
                if (i == 20) {
                    // A poison record and the still-open update of a candle: neither may stop or disturb the stream.
                    producer.send(new ProducerRecord<>(Topics.MARKET_CANDLES, "tBTCUSD",
                            "{\"symbol\":\"tBTCUSD\",\"open\":".getBytes(StandardCharsets.UTF_8))).get();
                    send(producer, Topics.MARKET_CANDLES, "tBTCUSD", candle("tBTCUSD", start + i * 60_000L, 50.0, false));
                }
                send(producer, Topics.MARKET_CANDLES, "tBTCUSD", candle);
                if (i == 30) {
                    send(producer, Topics.MARKET_CANDLES, "tBTCUSD", candle); // redelivered
                }
            }
        }

        Map<String, Signal> byId = new LinkedHashMap<>();
        for (Signal signal : signals(list -> list.stream().anyMatch(s -> s.candleMts() == start + 50 * 60_000L))) {
            if (!signal.symbol().equals("tBTCUSD")) {
                continue; // another test's symbol
            }
            Signal earlier = byId.putIfAbsent(signal.id(), signal);
            if (earlier != null) {
                assertThat(signal.signal()).isEqualTo(earlier.signal()); // a repeat carries the same verdict
            }
        }
        assertThat(byId).hasSize(DIP_AND_RALLY.length);
        List<Signal> ordered = new ArrayList<>(byId.values());
        for (int i = 0; i < ordered.size(); i++) {
            Signal signal = ordered.get(i);
            assertThat(signal.candleMts()).isEqualTo(start + i * 60_000L);
            assertThat(signal.id()).isEqualTo("rsi-ema:tBTCUSD:1m:" + (start + i * 60_000L));
            assertThat(signal.currentPrice()).isEqualByComparingTo(BigDecimal.valueOf(DIP_AND_RALLY[i]));
            SignalType expected = switch (i) {
                case 40, 50 -> SignalType.SELL;
                case 44 -> SignalType.BUY;
                default -> SignalType.HOLD;
            };
            assertThat(signal.signal()).as("signal at bar %d: %s", i, signal.reason()).isEqualTo(expected);
        }
        assertThat(ordered.get(0).reason()).isEqualTo("insufficient data: 1 of 11 bars");
        assertThat(ordered.get(44).reason()).startsWith("RSI(5) crossed up through 30 (16.5 -> 56.2) and close 106.5 > EMA(10)");
        assertThat(ordered.get(44).rsi()).isBetween(new BigDecimal("56.1"), new BigDecimal("56.3"));
        assertThat(ordered.get(44).ema()).isBetween(new BigDecimal("105.7"), new BigDecimal("105.8"));

        // Operators count them by action: one BUY and two SELLs (a redelivered candle may repeat a HOLD, never these).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(Prometheus.sum(metrics, "tradingbot_signals_total", "symbol=\"tBTCUSD\"", "signal=\"BUY\"",
                    "strategy=\"rsi-ema\"")).isEqualTo(1.0);
            assertThat(Prometheus.sum(metrics, "tradingbot_signals_total", "symbol=\"tBTCUSD\"", "signal=\"SELL\"",
                    "strategy=\"rsi-ema\"")).isEqualTo(2.0);
            assertThat(Prometheus.sum(metrics, "tradingbot_signals_total", "symbol=\"tBTCUSD\"", "signal=\"HOLD\""))
                    .isGreaterThanOrEqualTo(DIP_AND_RALLY.length - 3);
            // How far the candle consumer is behind (records): Kafka's own client metrics, which Quarkus binds.
            assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"kafka-consumer-candles\"");
        });

        // Dozens of polls of candles, and whether one needs converting was settled once, not searched for on each.
        assertThat(Arc.container().instance(BatchConverterQueries.class).isAvailable())
                .as("the counting converter is a bean here").isTrue();
        assertThat(BatchConverterQueries.asked()).as("times converters were asked about a poll of candles")
                .isLessThanOrEqualTo(1);

        // The poison record is on the dead-letter topic byte for byte.
        assertThat(deadLetters()).anySatisfy(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"symbol\":\"tBTCUSD\",\"open\":"));

        // On demand: the same verdict on the newest bar, and another strategy when asked for.
        RestAssured.given().contentType(ContentType.JSON).body("{}")
                .post("/strategy/tBTCUSD/evaluate").then()
                .statusCode(200)
                .body("id", equalTo("rsi-ema:tBTCUSD:1m:" + (start + 50 * 60_000L)))
                .body("signal", equalTo("SELL"))
                .body("current_price", equalTo("113"))
                .body("reason", containsString("RSI(5) crossed down through 70"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"strategy\":\"macd\"}")
                .post("/strategy/tBTCUSD/evaluate").then()
                .statusCode(200)
                .body("strategy", equalTo("macd"))
                .body("id", equalTo("macd:tBTCUSD:1m:" + (start + 50 * 60_000L)));
    }

    @Test
    void symbolsWithoutASessionAndReplayedHistorySignalNothing() throws Exception {
        long old = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        long now = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (var producer = producer()) {
            send(producer, Topics.MARKET_CANDLES, "tETHUSD", candle("tETHUSD", now, 2200, true));
            send(producer, Topics.TRADING_SESSIONS, "tLTCUSD", session("tLTCUSD", true));
            awaitSession("tLTCUSD");
            send(producer, Topics.MARKET_CANDLES, "tLTCUSD", candle("tLTCUSD", old, 70, true));
            send(producer, Topics.MARKET_CANDLES, "tLTCUSD", candle("tLTCUSD", now, 71, true));
        }
        List<Signal> signals = signals(list -> list.stream().anyMatch(s -> s.symbol().equals("tLTCUSD")));
        assertThat(signals).noneMatch(s -> s.symbol().equals("tETHUSD"));
        assertThat(signals).filteredOn(s -> s.symbol().equals("tLTCUSD")).singleElement()
                .satisfies(s -> {
                    assertThat(s.candleMts()).isEqualTo(now);
                    assertThat(s.reason()).isEqualTo("insufficient data: 2 of 51 bars");
                });
    }

    @Test
    void aNewSeriesIsTakenOnAWorkerAndAWarmOneWithoutTheHandOff() throws Exception {
        long now = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (var producer = producer()) {
            send(producer, Topics.TRADING_SESSIONS, "tFILUSD", session("tFILUSD", true));
            awaitSession("tFILUSD");
            Map<String, Double> before = closedBatches();
            // The series' first candle: its warm-up (a REST read in production) is due, so a worker evaluates it.
            send(producer, Topics.MARKET_CANDLES, "tFILUSD", candle("tFILUSD", now, 150, true));
            signals(list -> list.stream().anyMatch(s -> s.symbol().equals("tFILUSD") && s.candleMts() == now));
            Map<String, Double> afterFirst = closedBatches();
            assertThat(afterFirst.get("worker") - before.get("worker")).isEqualTo(1.0);
            assertThat(afterFirst.get("event-loop") - before.get("event-loop")).isZero();
            // Warm now: nothing in its evaluation blocks, so it stays on the event loop that decoded it.
            send(producer, Topics.MARKET_CANDLES, "tFILUSD", candle("tFILUSD", now + 60_000L, 151, true));
            signals(list -> list.stream().anyMatch(s -> s.symbol().equals("tFILUSD") && s.candleMts() == now + 60_000L));
            Map<String, Double> afterSecond = closedBatches();
            assertThat(afterSecond.get("event-loop") - afterFirst.get("event-loop")).isEqualTo(1.0);
            assertThat(afterSecond.get("worker") - afterFirst.get("worker")).isZero();
        }
    }

    /** {@code tradingbot_strategy_closed_batches_total} by the thread that evaluated the batch. */
    private static Map<String, Double> closedBatches() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return Map.of("worker", Prometheus.sum(metrics, "tradingbot_strategy_closed_batches_total", "thread=\"worker\""),
                "event-loop", Prometheus.sum(metrics, "tradingbot_strategy_closed_batches_total", "thread=\"event-loop\""));
    }

    @Test
    void badRequestsGetClearErrors() {
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/strategy/BTC-USD/evaluate").then()
                .statusCode(400).body("error", containsString("not a Bitfinex trading symbol"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"strategy\":\"astrology\"}")
                .post("/strategy/tBTCUSD/evaluate").then()
                .statusCode(400).body("error", containsString("Unknown strategy 'astrology'"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"timeframe\":\"2m\"}")
                .post("/strategy/tBTCUSD/evaluate").then()
                .statusCode(400).body("error", containsString("'2m' is not a Bitfinex candle timeframe"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"strategy\":")
                .post("/strategy/tBTCUSD/evaluate").then()
                .statusCode(400);
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/strategy/tXRPUSD/evaluate").then()
                .statusCode(503).body("error", containsString("No 1m candles for tXRPUSD yet"));
        RestAssured.get("/strategy/strategies").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("rsi-ema", "ema-crossover", "macd", "bollinger"));
    }

    /** Sessions and candles travel on different topics; wait until the service has seen the session. */
    private static void awaitSession(String symbol) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                RestAssured.get("/strategy/sessions").then().statusCode(200)
                        .body("symbol", org.hamcrest.Matchers.hasItem(symbol)));
    }

    private List<Signal> signals(Predicate<List<Signal>> enough) {
        try (var consumer = new KafkaConsumer<String, Signal>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventDeserializer<>(Signal.class))) {
            consumer.subscribe(List.of(Topics.STRATEGY_SIGNALS));
            List<Signal> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!enough.test(received) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Signal> record : consumer.poll(Duration.ofMillis(250))) {
                    assertThat(record.key()).isEqualTo(record.value().symbol());
                    received.add(record.value());
                }
            }
            // Whatever is still in flight for this batch arrives within a moment.
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> received.add(r.value()));
            received.sort(java.util.Comparator.comparingLong(Signal::candleMts));
            return received;
        }
    }

    private List<byte[]> deadLetters() {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.MARKET_CANDLES + Topics.DEAD_LETTER_SUFFIX));
            List<byte[]> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> received.add(r.value()));
            }
            return received;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, Object event)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, new EventSerializer<>().serialize(topic, event)))
                .get(10, TimeUnit.SECONDS);
    }

    private static Candle candle(String symbol, long mts, double close, boolean closed) {
        BigDecimal price = BigDecimal.valueOf(close);
        return new Candle(symbol, "1m", mts, price, price, price, price, BigDecimal.ONE, closed);
    }

    private static TradingSession session(String symbol, boolean active) {
        return new TradingSession(symbol, active, "rsi-ema", Instant.now(), "test", null);
    }
}
