package io.tradingbot.marketdata.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.EmbeddedKafkaBroker;
import io.tradingbot.kafka.testkit.InjectKafkaBroker;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import io.tradingbot.marketdata.feed.TopicReader.Keyed;
import io.tradingbot.marketdata.messaging.PublishedCandles;
import jakarta.inject.Inject;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The feed as its consumers see it: a real simulator process whose clock only this test moves, a real broker, and the
 * service's REST API, all over sockets.
 */
@QuarkusTest
@TestProfile(FrozenMarketProfile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "sim.clock.speed", value = "0"))
class MarketFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BTC = "tBTCUSD";

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @InjectSimulator
    SimulatorProcess sim;

    @Inject
    PublishedCandles published;

    @Test
    void closedCandlesAndTickersReachKafkaKeyedBySymbolWithTheExchangesValues() {
        awaitFeedStarted();
        sim.advanceClock(60_000);
        long closedBefore = sim.now() - 60_000;
        Keyed<Candle> closed = awaitCandle(c -> c.symbol().equals(BTC) && c.timeframe().equals("1m") && c.closed()
                && c.mts() >= closedBefore - 60_000);
        assertThat(closed.key()).isEqualTo(BTC);
        JsonNode row = sim.publicGet("/v2/candles/trade:1m:tBTCUSD/hist?start=" + closed.value().mts() + "&end="
                + closed.value().mts());
        assertThat(row.size()).isEqualTo(1);
        assertSameCandle(closed.value(), row.get(0));

        sim.setPrice(BTC, "50123");
        Keyed<Ticker> ticker = await().atMost(WAIT).until(() -> TopicReader.readAll(Topics.MARKET_TICKERS, Ticker.class)
                .stream().filter(t -> t.value().symbol().equals(BTC) && t.value().last().compareTo(new BigDecimal("50123")) == 0)
                .findFirst(), Optional::isPresent).get();
        assertThat(ticker.key()).isEqualTo(BTC);
        JsonNode exchange = sim.publicGet("/v2/ticker/tBTCUSD");
        assertThat(ticker.value().bid()).isEqualByComparingTo(exchange.get(0).decimalValue());
        assertThat(ticker.value().ask()).isEqualByComparingTo(exchange.get(2).decimalValue());
        assertThat(ticker.value().volume()).isEqualByComparingTo(exchange.get(7).decimalValue());
        assertThat(ticker.value().dailyChange()).isEqualByComparingTo(exchange.get(4).decimalValue());
        // the REST API answers with the same ticker
        RestAssured.get("/market/tBTCUSD/ticker").then().statusCode(200)
                .body("symbol", equalTo(BTC)).body("last", equalTo("50123"));
        // and operators can count what went out
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("market_data_candles_published_total{closed=\"true\",symbol=\"tBTCUSD\",timeframe=\"1m\"}"))
                .body(containsString("market_data_tickers_published_total{symbol=\"tBTCUSD\"}"));
    }

    @Test
    void theHistoryBackfilledAtStartIsServedOldestFirstWithLimit() {
        awaitFeedStarted();
        for (String timeframe : List.of("1m", "5m")) {
            long period = timeframe.equals("1m") ? 60_000 : 300_000;
            await().atMost(WAIT).untilAsserted(() -> {
                List<Candle> served = RestAssured.get("/market/tBTCUSD/candles?timeframe=" + timeframe + "&limit=50")
                        .then().statusCode(200).extract().as(new TypeRef<List<Candle>>() {
                        });
                JsonNode exchange = sim.publicGet("/v2/candles/trade:" + timeframe + ":tBTCUSD/hist?limit=50&sort=1"
                        + "&start=" + served.get(0).mts());
                assertThat(served).hasSize(50);
                for (int i = 0; i < served.size(); i++) {
                    Candle c = served.get(i);
                    assertThat(c.timeframe()).isEqualTo(timeframe);
                    assertThat(c.closed()).as("only the newest candle is open").isEqualTo(i < served.size() - 1);
                    if (i > 0) {
                        assertThat(c.mts() - served.get(i - 1).mts()).isEqualTo(period);
                    }
                    assertSameCandle(c, exchange.get(i));
                }
            });
        }
        // the default limit is 100, the default timeframe 1m
        List<Candle> defaults = RestAssured.get("/market/tBTCUSD/candles").then().statusCode(200).extract()
                .as(new TypeRef<List<Candle>>() {
                });
        assertThat(defaults).hasSize(100).allMatch(c -> c.timeframe().equals("1m"));
    }

    @Test
    void aCandleIsPublishedClosedOnceTheNextOneStarts() {
        awaitFeedStarted();
        sim.advanceClock(60_000);
        long current = sim.now() / 60_000 * 60_000; // the candle the frozen clock is in
        await().atMost(WAIT).until(() -> newestServed("1m"), c -> c != null && c.mts() >= current);
        sim.setPrice(BTC, "51234");
        // the price jump updates the current candle: published, still open
        awaitCandle(c -> c.symbol().equals(BTC) && c.timeframe().equals("1m") && c.mts() == current && !c.closed()
                && c.close().compareTo(new BigDecimal("51234")) == 0);
        assertThat(closedCandles("1m")).noneMatch(c -> c.mts() == current);

        sim.advanceClock(60_000);
        Keyed<Candle> closed = awaitCandle(c -> c.timeframe().equals("1m") && c.mts() == current && c.closed());
        assertThat(closed.value().high()).isGreaterThanOrEqualTo(new BigDecimal("51234"));
        assertSameCandle(closed.value(), sim.publicGet("/v2/candles/trade:1m:tBTCUSD/hist?start=" + current + "&end="
                + current).get(0));
        // the next one has started and is open; it is not closed until another starts
        awaitCandle(c -> c.timeframe().equals("1m") && c.mts() > current && !c.closed());
        assertThat(closedCandles("1m").stream().filter(c -> c.mts() == current)).hasSize(1);
        assertThat(closedCandles("1m")).noneMatch(c -> c.mts() > current + 60_000);
    }

    @Test
    void anActiveSessionForAnotherSymbolMakesItWatchedAndAnEndedOneStopsIt() throws Exception {
        awaitFeedStarted();
        String eth = "tETHUSD";
        send(new TradingSession(eth, true, "rsi-ema", Instant.now(), "test", "trade ETH"));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                .body("checks.find { it.name == 'Market data feed' }.data", org.hamcrest.Matchers.hasKey(eth)));
        sim.advanceClock(60_000);
        Keyed<Candle> candle = awaitCandle(c -> c.symbol().equals(eth) && c.closed());
        assertThat(candle.key()).isEqualTo(eth);
        await().atMost(WAIT).until(() -> TopicReader.readAll(Topics.MARKET_TICKERS, Ticker.class).stream()
                .anyMatch(t -> t.key().equals(eth) && t.value().symbol().equals(eth)));

        send(new TradingSession(eth, false, null, Instant.now(), "test", "done"));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                .body("checks.find { it.name == 'Market data feed' }.data", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey(eth))));
    }

    @Test
    void badSymbolsAndParametersAreRefusedWithAReason() {
        RestAssured.get("/market/tXYZABC/ticker").then().statusCode(404)
                .body("status", equalTo(404)).body("error", containsString("tXYZABC"));
        RestAssured.get("/market/tXYZABC/candles").then().statusCode(404).body("error", containsString("XYZABC"));
        RestAssured.post("/market/tXYZABC/refresh").then().statusCode(404).body("error", containsString("tXYZABC"));
        RestAssured.get("/market/BTC-USD/ticker").then().statusCode(400)
                .body("status", equalTo(400)).body("error", containsString("Malformed symbol 'BTC-USD'"));
        RestAssured.get("/market/tbtcusd/candles").then().statusCode(400).body("error", containsString("tBTCUSD"));
        RestAssured.get("/market/tBTCUSD/candles?timeframe=2m").then().statusCode(400)
                .body("error", containsString("timeframe '2m'"));
        RestAssured.get("/market/tBTCUSD/candles?limit=0").then().statusCode(400).body("error", containsString("limit 0"));
        RestAssured.get("/market/tBTCUSD/candles?limit=lots").then().statusCode(400).body("error", containsString("'lots'"));
        // a known pair that is not watched is served from the exchange
        RestAssured.get("/market/tTESTBTC:TESTUSD/candles?limit=3").then().statusCode(200)
                .body("size()", equalTo(3)).body("[2].closed", equalTo(false)).body("[0].closed", equalTo(true));
    }

    @Test
    void refreshRereadsTheExchangeAndPublishesWhatIsNew() {
        awaitFeedStarted();
        sim.setPrice(BTC, "47777");
        RestAssured.post("/market/tBTCUSD/refresh").then().statusCode(200)
                .body("symbol", equalTo(BTC)).body("ticker.last", equalTo("47777"));
        awaitCandle(c -> c.timeframe().equals("1m") && !c.closed() && c.close().compareTo(new BigDecimal("47777")) == 0);
    }

    @Test
    void aDroppedSocketLeavesNoGapAndNoDuplicateInTheClosedCandles() {
        awaitFeedStarted();
        double reconnectsBefore = reconnects();
        sim.advanceClock(60_000);
        long before = sim.now();
        for (int i = 0; i < 3; i++) {
            // each drop hits the service's socket (reopened after the previous drop)
            await().atMost(WAIT).until(() -> sim.call("POST", "/sim/faults/ws-drop", null, 200).path("closed").asInt() > 0);
            // the market moves while the service is reconnecting
            sim.advanceClock(120_000);
            sim.setPrice(BTC, String.valueOf(48000 + i * 100));
        }
        sim.advanceClock(300_000);
        long lastClosed1m = sim.now() / 60_000 * 60_000 - 60_000;
        long lastClosed5m = sim.now() / 300_000 * 300_000 - 300_000;
        await().atMost(WAIT).until(() -> closedCandles("1m").stream().anyMatch(c -> c.mts() == lastClosed1m)
                && closedCandles("5m").stream().anyMatch(c -> c.mts() == lastClosed5m));
        assertContiguousAndUnique(closedCandles("1m"), 60_000);
        assertContiguousAndUnique(closedCandles("5m"), 300_000);
        assertThat(closedCandles("1m")).anyMatch(c -> c.mts() < before);
        // operators see each of the three drops as a reopened socket
        assertThat(reconnects()).isGreaterThanOrEqualTo(reconnectsBefore + 3);
    }

    private static double reconnects() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return Prometheus.sum(metrics, "tradingbot_exchange_ws_reconnects_total", "socket=\"public\"");
    }

    @Test
    void publishingResumesAfterTheBrokerRestarts() {
        awaitFeedStarted();
        sim.advanceClock(60_000);
        broker.stop();
        try {
            sim.advanceClock(120_000); // candles close while the broker is away
        } finally {
            broker.start();
        }
        sim.advanceClock(60_000);
        long lastClosed = sim.now() / 60_000 * 60_000 - 60_000;
        await().atMost(Duration.ofSeconds(90)).until(() -> closedCandles("1m").stream().anyMatch(c -> c.mts() == lastClosed));
        assertContiguousAndUnique(closedCandles("1m"), 60_000);
    }

    @Test
    void aRestartedInstanceFindsTheLastClosedCandlesPublishedBefore() {
        awaitFeedStarted();
        sim.advanceClock(120_000);
        long lastClosed = sim.now() / 60_000 * 60_000 - 60_000;
        await().atMost(WAIT).until(() -> closedCandles("1m").stream().anyMatch(c -> c.mts() == lastClosed));
        Map<String, Long> found = published.lastClosed();
        assertThat(found).containsEntry("tBTCUSD|1m", closedCandles("1m").stream().mapToLong(Candle::mts).max().orElseThrow());
        assertThat(found).containsEntry("tBTCUSD|5m", closedCandles("5m").stream().mapToLong(Candle::mts).max().orElseThrow());
    }

    @Test
    void readinessIsDownWhileTheFeedIsStaleAndUpWhenDataFlowsAgain() {
        awaitFeedStarted();
        // the clock stands still: nothing trades, no data arrives
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Market data feed' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Market data feed' }.data.tBTCUSD", containsString("stale")));
        sim.advanceClock(10_000);
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).body("checks.name", hasItem("Market data feed")));
    }

    // ---------------------------------------------------------------- helpers

    private void awaitFeedStarted() {
        await().atMost(WAIT).until(() -> newestServed("1m") != null);
    }

    private static Candle newestServed(String timeframe) {
        var response = RestAssured.get("/market/tBTCUSD/candles?timeframe=" + timeframe + "&limit=10");
        if (response.statusCode() != 200) {
            return null;
        }
        List<Candle> candles = response.as(new TypeRef<List<Candle>>() {
        });
        return candles.isEmpty() ? null : candles.get(candles.size() - 1);
    }

    private static Keyed<Candle> awaitCandle(Predicate<Candle> wanted) {
        return await().atMost(WAIT).until(() -> TopicReader.readAll(Topics.MARKET_CANDLES, Candle.class).stream()
                .filter(k -> wanted.test(k.value())).findFirst(), Optional::isPresent).get();
    }

    /** The closed tBTCUSD candles of a timeframe in the order they were published. */
    private static List<Candle> closedCandles(String timeframe) {
        List<Candle> out = new ArrayList<>();
        for (Keyed<Candle> k : TopicReader.readAll(Topics.MARKET_CANDLES, Candle.class)) {
            Candle c = k.value();
            if (c.symbol().equals(BTC) && c.timeframe().equals(timeframe) && c.closed()) {
                assertThat(k.key()).isEqualTo(BTC);
                out.add(c);
            }
        }
        return out;
    }

    private static void assertContiguousAndUnique(List<Candle> closed, long period) {
        assertThat(closed).hasSizeGreaterThan(1);
        for (int i = 1; i < closed.size(); i++) {
            assertThat(closed.get(i).mts() - closed.get(i - 1).mts())
                    .as("closed %s candle after %d (no gap, no duplicate)", closed.get(i).timeframe(), closed.get(i - 1).mts())
                    .isEqualTo(period);
        }
    }

    private static void assertSameCandle(Candle published, JsonNode row) {
        assertThat(published.mts()).isEqualTo(row.get(0).asLong());
        assertThat(published.open()).isEqualByComparingTo(row.get(1).decimalValue());
        assertThat(published.close()).isEqualByComparingTo(row.get(2).decimalValue());
        assertThat(published.high()).isEqualByComparingTo(row.get(3).decimalValue());
        assertThat(published.low()).isEqualByComparingTo(row.get(4).decimalValue());
        assertThat(published.volume()).isEqualByComparingTo(row.get(5).decimalValue());
    }

    private static void send(TradingSession session) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer<TradingSession>())) {
            producer.send(new ProducerRecord<>(Topics.TRADING_SESSIONS, session.symbol(), session)).get();
        }
    }
}
