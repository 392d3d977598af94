package io.tradingbot.marketdata.feed;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import io.tradingbot.events.Topics;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.Prometheus;
import io.tradingbot.marketdata.feed.TopicReader.Keyed;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Twelve symbols (36 channels) against a simulator that, like Bitfinex, refuses a 31st channel on one connection: the
 * feed spreads them over two sockets, and the symbols on the second one reach Kafka like the first.
 */
@QuarkusTest
@TestProfile(ManySymbolsProfile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = ManyMarketsSimulator.class, initArgs = {
        @ResourceArg(name = "sim.clock.speed", value = "0"),
        @ResourceArg(name = "sim.market.history-minutes", value = "600") })
class ManySymbolsFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> SYMBOLS = ManyMarketsSimulator.symbols();
    /** Channels in the order the symbols are watched: the last symbols are on the second socket. */
    private static final List<String> LAST = SYMBOLS.subList(SYMBOLS.size() - 2, SYMBOLS.size());

    @InjectSimulator
    SimulatorProcess sim;

    @Test
    void everySymbolIsFedOverTwoSocketsAndTheLastOnesReachKafka() {
        awaitBothSocketsReady();
        // 12 symbols x 3 channels = 36: 25 on the first socket, 11 on the second
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Market data feed' }.data.'socket-1'", startsWith("CONNECTED, 25 channels"))
                .body("checks.find { it.name == 'Market data feed' }.data.'socket-2'", startsWith("CONNECTED, 11 channels"))
                .body("checks.find { it.name == 'Market data feed' }.data.size()", equalTo(SYMBOLS.size() + 2));
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(Prometheus.sum(metrics, "market_data_ws_sockets", "")).isEqualTo(2.0);

        sim.advanceClock(300_000);
        long lastClosed1m = sim.now() / 60_000 * 60_000 - 60_000;
        long lastClosed5m = sim.now() / 300_000 * 300_000 - 300_000;
        for (String symbol : LAST) {
            sim.setPrice(symbol, "150.5");
        }
        await().atMost(WAIT).untilAsserted(() -> {
            List<Keyed<Candle>> candles = TopicReader.readAll(Topics.MARKET_CANDLES, Candle.class);
            for (String symbol : SYMBOLS) {
                assertThat(candles).as("closed 1m and 5m candles of %s", symbol)
                        .anyMatch(k -> k.key().equals(symbol) && k.value().symbol().equals(symbol)
                                && k.value().timeframe().equals("1m") && k.value().closed()
                                && k.value().mts() == lastClosed1m)
                        .anyMatch(k -> k.key().equals(symbol) && k.value().timeframe().equals("5m")
                                && k.value().closed() && k.value().mts() == lastClosed5m);
            }
            List<Keyed<Ticker>> tickers = TopicReader.readAll(Topics.MARKET_TICKERS, Ticker.class);
            for (String symbol : LAST) {
                assertThat(tickers).as("the ticker of %s after its price moved", symbol)
                        .anyMatch(k -> k.key().equals(symbol) && k.value().symbol().equals(symbol)
                                && k.value().last().compareTo(new BigDecimal("150.5")) == 0);
            }
        });
    }

    @Test
    void everySocketReconnectsOnItsOwnAndTheCandlesOfItsSymbolsStayWithoutGap() {
        awaitBothSocketsReady();
        double reconnectsBefore = reconnects();
        sim.advanceClock(60_000);
        long before = sim.now();
        // both sockets are dropped; the market moves while they reconnect
        await().atMost(WAIT).until(() -> sim.call("POST", "/sim/faults/ws-drop", null, 200).path("closed").asInt() >= 2);
        sim.advanceClock(180_000);
        sim.setPrice(LAST.get(1), "160");
        await().atMost(WAIT).until(() -> reconnects() >= reconnectsBefore + 2);
        awaitBothSocketsReady();
        sim.advanceClock(120_000);
        long lastClosed = sim.now() / 60_000 * 60_000 - 60_000;
        for (String symbol : List.of(SYMBOLS.get(0), LAST.get(0), LAST.get(1))) {
            await().atMost(WAIT).until(() -> closed(symbol).stream().anyMatch(c -> c.mts() == lastClosed));
            List<Candle> closed = closed(symbol);
            assertThat(closed).anyMatch(c -> c.mts() < before);
            for (int i = 1; i < closed.size(); i++) {
                assertThat(closed.get(i).mts() - closed.get(i - 1).mts())
                        .as("closed %s 1m candle after %d (no gap, no duplicate)", symbol, closed.get(i - 1).mts())
                        .isEqualTo(60_000);
            }
        }
    }

    private static void awaitBothSocketsReady() {
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Market data feed' }.data.'socket-2'", startsWith("CONNECTED")));
    }

    private static double reconnects() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return Prometheus.sum(metrics, "tradingbot_exchange_ws_reconnects_total", "socket=\"public\"");
    }

    /** The closed 1m candles of a symbol in the order they were published. */
    private static List<Candle> closed(String symbol) {
        List<Candle> out = new ArrayList<>();
        for (Keyed<Candle> k : TopicReader.readAll(Topics.MARKET_CANDLES, Candle.class)) {
            if (k.value().symbol().equals(symbol) && k.value().timeframe().equals("1m") && k.value().closed()) {
                out.add(k.value());
            }
        }
        return out;
    }
}
