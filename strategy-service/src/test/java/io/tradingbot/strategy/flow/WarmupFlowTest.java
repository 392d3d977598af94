package io.tradingbot.strategy.flow;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warm-up against a market-data-service (an HTTP stand-in on a real socket) that has less history than
 * {@code strategy.warmup.bars}, as the simulator's 300 minutes or a quiet Bitfinex pair do: the history is read once, and
 * the candle stream is not held up by reading it again (it was, every retry period per symbol, for seconds at 100
 * symbols).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = WarmupFlowTest.MarketDataStandIn.class, restrictToAnnotatedClass = true)
class WarmupFlowTest {
    private static final String SYMBOL = "tWRMUSD";
    private static final int HISTORY = 10;

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Test
    void aSeriesShorterThanTheWarmUpIsReadOnceAndSignalsOnTheHistoryPlusTheStream() throws Exception {
        long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        MarketDataStandIn.start = start;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.TRADING_SESSIONS, new TradingSession(SYMBOL, true, "rsi-ema", Instant.now(), "test", null));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    RestAssured.get("/strategy/sessions").then().statusCode(200)
                            .body("symbol", org.hamcrest.Matchers.hasItem(SYMBOL)));
            // Five closed candles, each more than the retry period (1 s here) after the one before.
            for (int i = 0; i < 5; i++) {
                send(producer, Topics.MARKET_CANDLES, candle(start + i * 60_000L));
                Thread.sleep(1_300);
            }
        }
        List<Signal> signals = signals(5);
        assertThat(signals).extracting(Signal::candleMts)
                .containsExactly(start, start + 60_000L, start + 120_000L, start + 180_000L, start + 240_000L);
        // The ten bars of history are in the series: the first live candle is its eleventh bar.
        assertThat(signals.getFirst().reason()).startsWith("insufficient data: " + (HISTORY + 1) + " of ");
        assertThat(signals.getLast().reason()).startsWith("insufficient data: " + (HISTORY + 5) + " of ");
        assertThat(MarketDataStandIn.reads.get()).as("history reads of %s", SYMBOL).isEqualTo(1);
    }

    private List<Signal> signals(int count) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventDeserializer<>(Signal.class))) {
            consumer.subscribe(List.of(Topics.STRATEGY_SIGNALS));
            List<Signal> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Signal> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value().symbol().equals(SYMBOL)) {
                        received.add(record.value());
                    }
                }
            }
            return received;
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, SYMBOL, new EventSerializer<>().serialize(topic, event)))
                .get(10, TimeUnit.SECONDS);
    }

    private static Candle candle(long mts) {
        BigDecimal price = new BigDecimal("0.5123");
        return new Candle(SYMBOL, "1m", mts, price, price, price, price, BigDecimal.ONE, true);
    }

    /** {@code GET /market/{symbol}/candles}: ten closed candles before the test's start, and a count of the reads. */
    public static final class MarketDataStandIn implements QuarkusTestResourceLifecycleManager {
        static final AtomicInteger reads = new AtomicInteger();
        static volatile long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/market/", exchange -> {
                String body = "[]";
                if (exchange.getRequestURI().getPath().equals("/market/" + SYMBOL + "/candles")) {
                    reads.incrementAndGet();
                    List<String> candles = new ArrayList<>();
                    for (int i = HISTORY; i >= 1; i--) {
                        candles.add(new String(new EventSerializer<>().serialize("", candle(start - i * 60_000L)),
                                StandardCharsets.UTF_8));
                    }
                    body = "[" + String.join(",", candles) + "]";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return Map.of("quarkus.rest-client.market-data.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "strategy.warmup.enabled", "true",
                    "strategy.warmup.retry", "PT1S");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
