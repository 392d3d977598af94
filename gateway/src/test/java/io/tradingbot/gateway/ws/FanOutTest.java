package io.tradingbot.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.Candle;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.events.RiskLevel;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradeResult;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Events from the real broker to real WebSocket and Socket.IO clients of the gateway, by name, and only to whom may see them. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class FanOutTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @TestHTTPResource("/")
    URL base;

    @Inject
    KafkaClientService kafka;

    private KafkaProducer<String, byte[]> producer;
    private final EventSerializer<Object> events = new EventSerializer<>();

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void theHandshakeNeedsAValidTokenInTheHeaderOrTheQuery() {
        assertThatThrownBy(() -> EventStream.withQueryToken(gateway(), null)).satisfies(e -> assertHandshakeStatus(e, 401));
        String token = token("vera", "viewer-password");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> EventStream.withQueryToken(gateway(), tampered))
                .satisfies(e -> assertHandshakeStatus(e, 401));

        try (EventStream byQuery = EventStream.withQueryToken(gateway(), token);
                EventStream byHeader = EventStream.withHeader(gateway(), token("tom", "trader-password"))) {
            assertThat(byQuery.await("welcome", WAIT).path("data").path("user").asText()).isEqualTo("vera");
            assertThat(byHeader.await("welcome", WAIT).path("data").path("roles").toString()).contains("trader");
        }
    }

    @Test
    void everyClientGetsTheEventsByNameAndMarketDataOnlyForItsSymbols() {
        try (EventStream btc = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"));
                EventStream none = EventStream.withQueryToken(gateway(), token("tom", "trader-password"))) {
            btc.await("welcome", WAIT);
            btc.subscribe("tBTCUSD");
            Signal signal = untilReceived(btc, "signal", () -> signal("tBTCUSD"));
            JsonNode received = none.await(e -> e.path("event").asText().equals("signal")
                    && e.path("data").path("id").asText().equals(signal.id()), WAIT);
            assertThat(received.path("data").path("current_price").asText()).isEqualTo("50000.5");
            assertThat(received.path("data").path("reason").asText()).isEqualTo(signal.reason());
            assertThat(received.path("ts").asLong()).isPositive();

            Ticker eth = ticker("tETHUSD", "3000.1");
            send(Topics.MARKET_TICKERS, eth.symbol(), eth);
            Ticker btcTicker = ticker("tBTCUSD", "50001.25");
            send(Topics.MARKET_TICKERS, btcTicker.symbol(), btcTicker);
            JsonNode ticker = btc.await("ticker", WAIT);
            assertThat(ticker.path("data").path("symbol").asText()).isEqualTo("tBTCUSD");
            assertThat(ticker.path("data").path("last").asText()).isEqualTo("50001.25");

            // A later broadcast reaches both: by then the tickers were fanned out, and neither went where it was not asked for.
            Signal later = signal("tETHUSD");
            send(Topics.STRATEGY_SIGNALS, later.symbol(), later);
            none.await(e -> e.path("data").path("id").asText().equals(later.id()), WAIT);
            btc.await(e -> e.path("data").path("id").asText().equals(later.id()), WAIT);
            assertThat(none.events("ticker")).isEmpty();
            assertThat(btc.events("ticker")).extracting(e -> e.path("data").path("symbol").asText())
                    .containsOnly("tBTCUSD");
        }
    }

    @Test
    void everyTopicReachesClientsUnderItsEventName() {
        try (EventStream client = EventStream.withQueryToken(gateway(), token("tom", "trader-password"))) {
            client.await("welcome", WAIT);
            client.subscribe("tBTCUSD");
            untilReceived(client, "signal", () -> signal("tBTCUSD"));

            String n = String.valueOf(SEQUENCE.incrementAndGet());
            String digits = n + "1"; // no trailing zero: the decimals below come back as written
            Instant now = Instant.now();
            send(Topics.RISK_VERDICTS, "tBTCUSD", new RiskVerdict("verdict-" + n, "sig-" + n, "tBTCUSD", Side.BUY, true,
                    RiskLevel.LOW, List.of(), new BigDecimal("0.01"), "EXCHANGE MARKET", null, BigDecimal.ONE, null, null,
                    now));
            send(Topics.TRADING_RESULTS, "tBTCUSD", new TradeResult("verdict-" + n, "tBTCUSD", SignalType.BUY, true,
                    "order placed", null, now));
            send(Topics.EXCHANGE_PRIVATE, "paper", new ExchangePrivateEvent("paper", "te", "tBTCUSD",
                    JSON.createArrayNode().add(0).add("te"), null, now.toEpochMilli()));
            send(Topics.ACCOUNT_SNAPSHOTS, "paper", new AccountSnapshot("paper", now.toEpochMilli(), List.of(), List.of(),
                    null, new AccountSummary(new BigDecimal("10000." + digits), BigDecimal.ZERO, BigDecimal.ZERO,
                            BigDecimal.ONE, null, "healthy", 0, BigDecimal.ZERO)));
            send(Topics.MARKET_TICKERS, "tBTCUSD", ticker("tBTCUSD", "50002." + digits));
            send(Topics.MARKET_CANDLES, "tBTCUSD", new Candle("tBTCUSD", "1m", now.toEpochMilli(), BigDecimal.TEN,
                    new BigDecimal("11." + digits), new BigDecimal("12"), BigDecimal.ONE, BigDecimal.ONE, false));

            assertThat(client.await(e -> e.path("event").asText().equals("risk_verdict")
                    && e.path("data").path("id").asText().equals("verdict-" + n), WAIT)).isNotNull();
            assertThat(client.await(e -> e.path("event").asText().equals("trade_result")
                    && e.path("data").path("trade_result").path("verdict_id").asText().equals("verdict-" + n), WAIT)
                    .path("data").path("symbol").asText()).isEqualTo("tBTCUSD");
            assertThat(client.await("te", WAIT).path("data").path("account").asText()).isEqualTo("paper");
            assertThat(client.await(e -> e.path("event").asText().equals("account_summary")
                    && e.path("data").path("total_balance_usd").asText().equals("10000." + digits), WAIT)).isNotNull();
            assertThat(client.await(e -> e.path("event").asText().equals("ticker")
                    && e.path("data").path("last").asText().equals("50002." + digits), WAIT)).isNotNull();
            assertThat(client.await(e -> e.path("event").asText().equals("candle")
                    && e.path("data").path("close").asText().equals("11." + digits), WAIT)).isNotNull();
        }
    }

    @Test
    void aMalformedMessageFromAClientIsAnsweredWithAnErrorAndTheConnectionStays() {
        try (EventStream client = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"))) {
            client.await("welcome", WAIT);
            client.send("{not json");
            assertThat(client.await("error", WAIT).path("data").path("message").asText()).startsWith("not JSON");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"BTC-USD\"]}");
            assertThat(client.await(e -> e.path("data").path("message").asText().contains("BTC-USD"), WAIT)).isNotNull();
            client.subscribe("tETHUSD");
            assertThat(client.events("subscribed").getLast().path("data").path("symbols").toString())
                    .isEqualTo("[\"tETHUSD\"]");
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextEventsStillArrive() throws Exception {
        try (EventStream client = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"))) {
            client.await("welcome", WAIT);
            client.subscribe("tBTCUSD"); // a candle is read only when a client watches its symbol
            untilReceived(client, "signal", () -> signal("tBTCUSD"));
            byte[] poison = "{\"id\": \"no-symbol\", \"signal\": \"BUY\"".getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, "tBTCUSD", poison)).get();
            byte[] poisonCandle = "{\"symbol\": \"tBTCUSD\", \"close\": -1}".getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(Topics.MARKET_CANDLES, "tBTCUSD", poisonCandle)).get();
            Signal next = signal("tBTCUSD");
            send(Topics.STRATEGY_SIGNALS, next.symbol(), next);
            client.await(e -> e.path("data").path("id").asText().equals(next.id()), WAIT);

            assertThat(deadLetters(Topics.STRATEGY_SIGNALS)).as("the poison record, byte for byte, on the dead-letter topic")
                    .anyMatch(value -> Arrays.equals(value, poison));
            assertThat(deadLetters(Topics.MARKET_CANDLES)).as("a poison candle on the candles' own dead-letter topic")
                    .anyMatch(value -> Arrays.equals(value, poisonCandle));
        }
    }

    /** Candles of symbols nobody watches are passed over unread, and counted; the watched symbol's still arrive. */
    @Test
    void candlesOfSymbolsNoClientWatchesArePassedOverUnread() {
        try (EventStream client = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"))) {
            client.await("welcome", WAIT);
            client.subscribe("tBTCUSD");
            untilReceived(client, "signal", () -> signal("tBTCUSD"));
            double before = unwatchedCandles();
            String close = "11." + SEQUENCE.incrementAndGet() + "1";
            long now = Instant.now().toEpochMilli();
            for (String symbol : List.of("tETHUSD", "tLTCUSD", "tBTCUSD")) {
                send(Topics.MARKET_CANDLES, symbol, new Candle(symbol, "1m", now, BigDecimal.TEN, new BigDecimal(close),
                        new BigDecimal("12"), BigDecimal.ONE, BigDecimal.ONE, false));
            }
            assertThat(client.await(e -> e.path("event").asText().equals("candle")
                    && e.path("data").path("close").asText().equals(close), WAIT).path("data").path("symbol").asText())
                    .isEqualTo("tBTCUSD");
            // Records of a partition arrive in order, but the three symbols may be on different partitions.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (unwatchedCandles() < before + 2 && System.nanoTime() < deadline) {
                sleep(100);
            }
            assertThat(unwatchedCandles() - before).isGreaterThanOrEqualTo(2);
            assertThat(client.events("candle")).extracting(e -> e.path("data").path("symbol").asText())
                    .containsOnly("tBTCUSD");
        }
    }

    /**
     * With no client connected the fan-out reads nothing. A client gets what happens from its connection on: not what was
     * published while nobody listened, though that is still on the topic, in the same partition, before what it gets.
     */
    @Test
    void nothingIsReadWhileNoClientIsConnectedAndAClientGetsWhatHappensFromItsConnectionOn() throws Exception {
        for (int round = 1; round <= 2; round++) {
            awaitFanPaused(true);
            Signal unheard = signal("tBTCUSD");
            producer.send(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, unheard.symbol(),
                    events.serialize(Topics.STRATEGY_SIGNALS, unheard))).get();
            sleep(50); // the record's timestamp before the client's connection, to the millisecond
            try (EventStream client = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"))) {
                client.await("welcome", WAIT);
                awaitFanPaused(false);
                Signal heard = untilReceived(client, "signal", () -> signal("tBTCUSD"));
                assertThat(client.events("signal")).as("round %d: signals received", round)
                        .extracting(e -> e.path("data").path("id").asText())
                        .doesNotContain(unheard.id()).contains(heard.id());
            }
        }
    }

    @Test
    void partitionsResumedWhileNobodyListensArePausedAgainByTheNextRecord() throws Exception {
        awaitFanPaused(true);
        // What the connector does after its own back-pressure: it resumes every partition, listening or not.
        io.smallrye.reactive.messaging.kafka.KafkaConsumer<String, byte[]> fan = kafka.getConsumer("fan");
        java.util.function.Consumer<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> resumeAll =
                consumer -> consumer.resume(consumer.assignment());
        fan.runOnPollingThread(resumeAll).await().atMost(WAIT);
        assertThat(fan.paused().await().atMost(WAIT)).as("partitions paused right after the resume").isEmpty();

        Signal stray = signal("tBTCUSD");
        producer.send(new ProducerRecord<>(Topics.STRATEGY_SIGNALS, stray.symbol(),
                events.serialize(Topics.STRATEGY_SIGNALS, stray))).get();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<TopicPartition> assigned = fan.getAssignments().await().atMost(WAIT);
        while (!fan.paused().await().atMost(WAIT).equals(assigned) && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(fan.paused().await().atMost(WAIT)).as("paused after a record read with no client").isEqualTo(assigned);

        sleep(50); // the stray record's timestamp before the client's connection, to the millisecond
        try (EventStream client = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"))) {
            client.await("welcome", WAIT);
            Signal heard = untilReceived(client, "signal", () -> signal("tBTCUSD"));
            assertThat(client.events("signal")).extracting(e -> e.path("data").path("id").asText())
                    .doesNotContain(stray.id()).contains(heard.id());
        }
    }

    private static void awaitFanPaused(boolean paused) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double expected = paused ? 1 : 0;
        while (fanPaused() != expected && System.nanoTime() < deadline) {
            sleep(100);
        }
        String scrape = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(Prometheus.sum(scrape, "gateway_fan_paused"))
                .as("gateway_fan_paused, with %s clients connected", Prometheus.sum(scrape, "gateway_ws_clients"))
                .isEqualTo(expected);
    }

    private static double fanPaused() {
        return Prometheus.sum(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString(),
                "gateway_fan_paused");
    }

    private static double unwatchedCandles() {
        return Prometheus.sum(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString(),
                "gateway_fan_candles_unwatched_total");
    }

    @Test
    void aSlowClientIsToldWhatItMissedAndNeverHoldsBackAnother() {
        int count = 60_000;
        try (EventStream fast = EventStream.withQueryToken(gateway(), token("vera", "viewer-password"));
                EventStream slow = EventStream.withQueryToken(gateway(), token("tom", "trader-password"))) {
            fast.subscribe("tTESTBTC:TESTUSD");
            slow.subscribe("tTESTBTC:TESTUSD");
            untilReceived(fast, "signal", () -> signal("tBTCUSD"));
            slow.pause();
            for (int i = 0; i < count; i++) {
                Ticker t = ticker("tTESTBTC:TESTUSD", "100." + i);
                send(Topics.MARKET_TICKERS, t.symbol(), t);
                if (i % 500 == 499) {
                    // bursts a reading client absorbs, as a market does; the paused one still falls far behind
                    producer.flush();
                    sleep(10);
                }
            }
            producer.flush();
            fast.await(e -> e.path("event").asText().equals("ticker")
                    && e.path("data").path("last").asText().equals("100." + (count - 1)), Duration.ofSeconds(90));
            // The fast client got to the last event while the slow one still read nothing: nobody waited for it. (On a
            // loaded machine the fast one may lag a little itself; then it is told exactly how much, like any client.)
            assertThat(fast.events("ticker").size() + dropped(fast)).isEqualTo(count);

            slow.resume();
            slow.await(e -> e.path("event").asText().equals("ticker")
                    && e.path("data").path("last").asText().equals("100." + (count - 1)), Duration.ofSeconds(90));
            long dropped = dropped(slow);
            assertThat(dropped).as("events dropped for the slow client").isPositive().isGreaterThan(dropped(fast));
            assertThat(slow.events("ticker").size() + dropped).isEqualTo(count);
        }
    }

    @Test
    void anUnmodifiedSocketIoClientGetsTheSameEventsByName() {
        assumeTrue(SocketIoListener.nodeAvailable(), "Node.js and npm are not installed");
        Path node = Path.of("src", "test", "node");
        Path work = Path.of("target", "socket.io-client");
        try (SocketIoListener refused = SocketIoListener.connect(node, work, gateway(), "not-a-token")) {
            assertThat(refused.await("connect_error", WAIT).path("message").asText()).contains("invalid or expired token");
        }
        try (SocketIoListener anonymous = SocketIoListener.connect(node, work, gateway(), null)) {
            assertThat(anonymous.await("connect_error", WAIT).path("message").asText()).contains("no token");
        }
        try (SocketIoListener client = SocketIoListener.connect(node, work, gateway(), token("vera", "viewer-password"),
                "tBTCUSD")) {
            JsonNode ack = client.await("subscribe_ack", WAIT);
            assertThat(ack.path("data").path("symbols").toString()).isEqualTo("[\"tBTCUSD\"]");
            Signal signal = signal("tBTCUSD");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (client.events("signal").isEmpty() && System.nanoTime() < deadline) {
                send(Topics.STRATEGY_SIGNALS, signal.symbol(), signal);
                sleep(300);
            }
            JsonNode received = client.await("signal", WAIT);
            assertThat(received.path("data").path("id").asText()).isEqualTo(signal.id());
            Ticker btc = ticker("tBTCUSD", "50002");
            send(Topics.MARKET_TICKERS, btc.symbol(), btc);
            assertThat(client.await("ticker", WAIT).path("data").path("last").asText()).isEqualTo("50002");
        }
    }

    private static long dropped(EventStream client) {
        return client.events("lagged").stream().mapToLong(e -> e.path("data").path("dropped").asLong()).sum();
    }

    /** The fan-out's consumers start at the latest offset once assigned: send until the client shows one arrived. */
    private Signal untilReceived(EventStream client, String event, java.util.function.Supplier<Signal> next) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Signal signal = next.get();
            send(Topics.STRATEGY_SIGNALS, signal.symbol(), signal);
            try {
                client.await(e -> e.path("event").asText().equals(event)
                        && e.path("data").path("id").asText().equals(signal.id()), Duration.ofMillis(500));
                return signal;
            } catch (AssertionError notYet) {
                // the consumer is not assigned yet
            }
        }
        throw new AssertionError("no " + event + " reached the client within " + WAIT);
    }

    /** What a topic's dead-letter topic holds after the fan-out had time to write there. */
    private List<byte[]> deadLetters(String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            dlq.subscribe(List.of(topic + Topics.DEAD_LETTER_SUFFIX));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                dlq.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private void send(String topic, String key, Object event) {
        producer.send(new ProducerRecord<>(topic, key, events.serialize(topic, event)));
    }

    private static Signal signal(String symbol) {
        long n = SEQUENCE.incrementAndGet();
        return new Signal("sig-" + n + "-" + UUID.randomUUID(), symbol, SignalType.BUY,
                "RSI 28.1 crossed up through 30 above EMA(50)", new BigDecimal("50000.5"), new BigDecimal("28.1"),
                new BigDecimal("49800"), "rsi-ema", "1m", Instant.now().toEpochMilli() - 60_000, Instant.now());
    }

    private static Ticker ticker(String symbol, String last) {
        BigDecimal price = new BigDecimal(last);
        return new Ticker(symbol, Instant.now().toEpochMilli(), price, price.add(BigDecimal.ONE), price,
                new BigDecimal("12.5"), new BigDecimal("-10"), new BigDecimal("-0.0002"));
    }

    private static void assertHandshakeStatus(Throwable thrown, int status) {
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(status);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String gateway() {
        return base.toString();
    }

    static String token(String user, String password) {
        return RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", password))
                .post("/api/v2/auth/ws-token").then().statusCode(200).extract().path("token");
    }
}
