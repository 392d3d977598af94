package io.tradingbot.marketdata.flow;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventSerializer;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.marketdata.feed.TopicReader;
import io.tradingbot.marketdata.feed.TopicReader.Keyed;
import io.tradingbot.simulator.testkit.InjectSimulator;
import io.tradingbot.simulator.testkit.ServiceProcess;
import io.tradingbot.simulator.testkit.SimulatorProcess;
import io.tradingbot.simulator.testkit.SimulatorResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way from the exchange to a signal, each service a separate process talking over sockets: the simulator's
 * price path → this service → market.candles.v1 → strategy-service (its packaged jar, warmed up from this service's
 * REST API) → strategy.signals.v1.
 */
@QuarkusTest
@TestProfile(EndToEndProfile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "sim.clock.speed", value = "0"))
class PricePathToSignalTest {
    private static final String BTC = "tBTCUSD";

    @InjectSimulator
    SimulatorProcess sim;

    @TestHTTPResource("/")
    URL marketData;

    @Test
    void aClosedCandleOfATradedSymbolBecomesASignalOnItsPrice() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String marketDataUrl = marketData.toString().replaceAll("/$", "");
        try (ServiceProcess strategy = ServiceProcess.start("strategy-service", "strategy.jar",
                Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "MARKET_DATA_URL", marketDataUrl), List.of())) {
            send(bootstrap, new TradingSession(BTC, true, "rsi-ema", Instant.now(), "e2e-test", "flow"));
            sim.setPrice(BTC, "44000");
            // a minute passes on the exchange until a candle closes after strategy-service has seen the session
            Keyed<Signal> signal = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Optional<Keyed<Signal>> found = TopicReader.readAll(Topics.STRATEGY_SIGNALS, Signal.class).stream()
                                .filter(s -> s.value().symbol().equals(BTC)).findFirst();
                        if (found.isEmpty()) {
                            sim.advanceClock(60_000);
                        }
                        return found;
                    }, Optional::isPresent).get();
            assertThat(signal.key()).isEqualTo(BTC);
            assertThat(signal.value().timeframe()).isEqualTo("1m");
            assertThat(signal.value().strategy()).isEqualTo("rsi-ema");
            // the signal is about a candle this service published closed, at that candle's close
            Candle candle = TopicReader.readAll(Topics.MARKET_CANDLES, Candle.class).stream().map(Keyed::value)
                    .filter(c -> c.closed() && c.symbol().equals(BTC) && c.mts() == signal.value().candleMts())
                    .findFirst().orElseThrow(() -> new AssertionError("no closed candle " + signal.value().candleMts()
                            + " on " + Topics.MARKET_CANDLES + "; strategy log:\n" + strategy.logTail()));
            assertThat(signal.value().currentPrice()).isEqualByComparingTo(candle.close());
            assertThat(signal.value().reason()).isNotBlank().doesNotContain("insufficient data");
        }
    }

    private static void send(String bootstrap, TradingSession session) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer<TradingSession>())) {
            producer.send(new ProducerRecord<>(Topics.TRADING_SESSIONS, session.symbol(), session)).get();
        }
    }
}
