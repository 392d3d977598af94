package io.tradingbot.bitfinex.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.tradingbot.bitfinex.config.BitfinexClientConfig;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.bitfinex.ws.ConnectionState;
import io.tradingbot.bitfinex.ws.MarketEvent;
import io.tradingbot.bitfinex.ws.PublicChannelPool;
import io.tradingbot.bitfinex.ws.PublicChannelPool.SocketStatus;
import io.tradingbot.bitfinex.ws.Subscription;
import io.tradingbot.simulator.testkit.SimulatorProcess;

/**
 * More public channels than one connection may hold, against a real simulator with 40 extra markets, over real sockets.
 * The simulator enforces Bitfinex's limit of 30 channels per connection (error 10305).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicChannelPoolSimulatorTest {

    private static final int MARKETS = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SimulatorProcess sim;

    @BeforeAll
    void startSimulator() {
        // a frozen clock: a channel only moves when the test sets a price, so every update seen is one the test caused
        List<String> props = new ArrayList<>(List.of("-Dsim.seed=42", "-Dsim.clock.speed=0",
                "-Dsim.market.history-minutes=30"));
        for (int i = 1; i <= MARKETS; i++) {
            String name = "p" + i;
            props.addAll(List.of("-Dsim.markets." + name + ".symbol=" + symbol(i),
                    "-Dsim.markets." + name + ".base=" + symbol(i).substring(1, 4),
                    "-Dsim.markets." + name + ".quote=USD",
                    "-Dsim.markets." + name + ".price=100",
                    "-Dsim.markets." + name + ".level-size=10",
                    "-Dsim.markets." + name + ".min-size=0.01"));
        }
        sim = SimulatorProcess.start(props);
    }

    @AfterAll
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private static String symbol(int i) {
        return String.format("tP%02dUSD", i);
    }

    private BitfinexClientConfig config() {
        return BitfinexClientConfig.builder().baseUrl(sim.baseUrl())
                .pingInterval(Duration.ofSeconds(2))
                .deadAfter(Duration.ofSeconds(8))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .build();
    }

    @Test
    void aSingleSocketIsRefusedPastThirtyChannels() throws Exception {
        List<BitfinexException> errors = new CopyOnWriteArrayList<>();
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config())) {
            ws.onError(errors::add);
            ws.connect();
            List<Subscription> subs = new ArrayList<>();
            for (int i = 1; i <= 31; i++) {
                subs.add(ws.subscribeTicker(symbol(i), e -> { }));
            }
            await().atMost(WAIT).until(() -> !errors.isEmpty()
                    && subs.stream().filter(s -> s.chanId() != null).count() == 30);
            assertThat(errors).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(10305));
            // the one refused (which one depends on the order the client sends them in) never gets a channel
            assertThat(subs).filteredOn(sub -> sub.chanId() == null).hasSize(1);
        }
    }

    @Test
    void sixtyChannelsAreSpreadOverThreeSocketsAndEachGetsItsSnapshotAndUpdates() {
        List<BitfinexException> errors = new CopyOnWriteArrayList<>();
        List<String> states = new CopyOnWriteArrayList<>();
        Map<String, EventLog<MarketEvent>> tickers = new LinkedHashMap<>();
        Map<String, EventLog<MarketEvent>> candles = new LinkedHashMap<>();
        try (PublicChannelPool pool = new PublicChannelPool(config(), PublicChannelPool.DEFAULT_CHANNELS_PER_SOCKET)) {
            pool.onError(errors::add);
            pool.onStateChange((socket, state) -> states.add(socket + " " + state));
            for (int i = 1; i <= MARKETS; i++) {
                EventLog<MarketEvent> log = new EventLog<>();
                tickers.put(symbol(i), log);
                pool.subscribeTicker(symbol(i), log);
            }
            for (int i = 21; i <= MARKETS; i++) {
                EventLog<MarketEvent> log = new EventLog<>();
                candles.put(symbol(i), log);
                pool.subscribeCandles("trade:1m:" + symbol(i), log);
            }
            // 60 channels at 25 a socket: ceil(60 / 25) = 3 sockets, the oldest filled first
            assertThat(pool.sockets()).extracting(SocketStatus::id).containsExactly(1, 2, 3);
            assertThat(pool.sockets()).extracting(SocketStatus::channels).containsExactly(25, 25, 10);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(pool.allConnected()).isTrue();
                tickers.forEach((symbol, log) -> assertThat(log.of(MarketEvent.TickerUpdate.class))
                        .as("ticker snapshot of %s", symbol).isNotEmpty());
                candles.forEach((symbol, log) -> assertThat(log.of(MarketEvent.CandlesSnapshot.class))
                        .as("candles snapshot of %s", symbol).singleElement()
                        .satisfies(s -> assertThat(s.candles()).isNotEmpty()));
            });
            assertThat(errors).as("no channel refused").isEmpty();

            // updates flow on every socket: ticker 1 is on socket 1, ticker 40 on socket 2, candles of 40 on socket 3
            for (int i : List.of(1, 30, 40)) {
                sim.setPrice(symbol(i), "123.45");
            }
            await().atMost(WAIT).untilAsserted(() -> {
                for (int i : List.of(1, 30, 40)) {
                    assertThat(tickers.get(symbol(i)).of(MarketEvent.TickerUpdate.class)).anySatisfy(t -> assertThat(
                            t.ticker().lastPrice()).isCloseTo(new BigDecimal("123.45"), Percentage.withPercentage(1)));
                }
                for (int i : List.of(30, 40)) {
                    assertThat(candles.get(symbol(i)).of(MarketEvent.CandleUpdate.class)).anySatisfy(c -> assertThat(
                            c.candle().close()).isCloseTo(new BigDecimal("123.45"), Percentage.withPercentage(1)));
                }
            });

            // every socket is dropped: each reconnects and resubscribes its own channels
            long reconnectsBefore = pool.reconnectCount();
            Map<String, Integer> tickersBefore = new LinkedHashMap<>();
            tickers.forEach((symbol, log) -> tickersBefore.put(symbol, log.of(MarketEvent.TickerUpdate.class).size()));
            assertThat(sim.call("POST", "/sim/faults/ws-drop", null, 200).path("closed").asInt()).isGreaterThanOrEqualTo(3);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(pool.reconnectCount()).isGreaterThanOrEqualTo(reconnectsBefore + 3);
                assertThat(pool.allConnected()).isTrue();
                tickers.forEach((symbol, log) -> assertThat(log.of(MarketEvent.TickerUpdate.class))
                        .as("ticker snapshot of %s after the reconnect", symbol).hasSizeGreaterThan(tickersBefore.get(symbol)));
                candles.forEach((symbol, log) -> assertThat(log.of(MarketEvent.CandlesSnapshot.class))
                        .as("candles snapshot of %s after the reconnect", symbol).hasSize(2));
            });
            assertThat(pool.sockets()).extracting(SocketStatus::reconnects).allSatisfy(r -> assertThat(r).isPositive());
            for (int socket = 1; socket <= 3; socket++) {
                assertThat(states).contains(socket + " " + ConnectionState.RECONNECTING);
            }
            assertThat(errors).as("no channel refused after the reconnect").isEmpty();
        }
    }

    @Test
    void thirtyPerSocketIsAcceptedAndMoreThanThirtyIsRefusedUpFront() {
        assertThatThrownBy(() -> new PublicChannelPool(config(), 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30");
        List<BitfinexException> errors = new CopyOnWriteArrayList<>();
        List<EventLog<MarketEvent>> logs = new ArrayList<>();
        try (PublicChannelPool pool = new PublicChannelPool(config(), PublicChannelPool.MAX_CHANNELS_PER_SOCKET)) {
            pool.onError(errors::add);
            for (int i = 1; i <= 31; i++) {
                EventLog<MarketEvent> log = new EventLog<>();
                logs.add(log);
                pool.subscribeTicker(symbol(i), log);
            }
            assertThat(pool.sockets()).extracting(SocketStatus::channels).containsExactly(30, 1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(logs)
                    .allSatisfy(log -> assertThat(log.of(MarketEvent.TickerUpdate.class)).isNotEmpty()));
            assertThat(errors).isEmpty();
        }
    }

    /** A JDK HttpClient per socket was a selector thread and workers per socket: 8 of each for 100 symbols. */
    @Test
    void theSocketsOfAPoolShareOneSelectorThreadWhichGoesWithThePool() {
        Set<String> before = selectorThreads();
        List<EventLog<MarketEvent>> logs = new ArrayList<>();
        Set<String> pools;
        try (PublicChannelPool pool = new PublicChannelPool(config(), 5)) {
            for (int i = 1; i <= 12; i++) {
                EventLog<MarketEvent> log = new EventLog<>();
                logs.add(log);
                pool.subscribeTicker(symbol(i), log);
            }
            assertThat(pool.sockets()).extracting(SocketStatus::channels).containsExactly(5, 5, 2);
            await().atMost(WAIT).untilAsserted(() -> assertThat(logs)
                    .allSatisfy(log -> assertThat(log.of(MarketEvent.TickerUpdate.class)).isNotEmpty()));
            pools = selectorThreads();
            pools.removeAll(before);
            assertThat(pools).as("selector threads started for the pool's three sockets").hasSize(1);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(selectorThreads()).doesNotContainAnyElementsOf(pools));
    }

    private static Set<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.endsWith("SelectorManager")).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void unsubscribingFreesTheChannelAndAnEmptiedExtraSocketCloses() {
        List<EventLog<MarketEvent>> logs = new ArrayList<>();
        List<Subscription> subs = new ArrayList<>();
        try (PublicChannelPool pool = new PublicChannelPool(config(), 5)) {
            for (int i = 1; i <= 6; i++) {
                EventLog<MarketEvent> log = new EventLog<>();
                logs.add(log);
                subs.add(pool.subscribeTicker(symbol(i), log));
            }
            assertThat(pool.sockets()).extracting(SocketStatus::channels).containsExactly(5, 1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(logs)
                    .allSatisfy(log -> assertThat(log.of(MarketEvent.TickerUpdate.class)).isNotEmpty()));

            pool.unsubscribe(subs.get(2));
            assertThat(pool.sockets()).extracting(SocketStatus::channels).containsExactly(4, 1);
            EventLog<MarketEvent> seventh = new EventLog<>();
            Subscription reused = pool.subscribeTicker(symbol(7), seventh);
            assertThat(pool.sockets()).extracting(SocketStatus::channels).as("the freed channel is reused")
                    .containsExactly(5, 1);
            assertThat(pool.subscriptions(1)).contains(reused).doesNotContain(subs.get(2));
            await().atMost(WAIT).until(() -> !seventh.of(MarketEvent.TickerUpdate.class).isEmpty());

            // the exchange stopped sending the dropped channel: an update of it is not delivered, one of its
            // neighbour on the same socket (sent after it) is
            int droppedSeen = logs.get(2).size();
            sim.setPrice(symbol(3), "150");
            sim.setPrice(symbol(1), "150");
            await().atMost(WAIT).untilAsserted(() -> assertThat(logs.get(0).of(MarketEvent.TickerUpdate.class))
                    .anySatisfy(t -> assertThat(t.ticker().lastPrice()).isCloseTo(new BigDecimal("150"),
                            Percentage.withPercentage(1))));
            assertThat(logs.get(2).size()).isEqualTo(droppedSeen);

            long reconnects = pool.reconnectCount();
            pool.unsubscribe(subs.get(5));
            assertThat(pool.sockets()).as("the emptied second socket is closed").extracting(SocketStatus::id)
                    .containsExactly(1);
            assertThat(pool.reconnectCount()).isGreaterThanOrEqualTo(reconnects);
            assertThat(pool.allConnected()).isTrue();
        }
    }

    @Test
    void aChannelDroppedWhileItsSubscribeIsInFlightIsReleasedOnTheExchange() throws Exception {
        List<BitfinexException> errors = new CopyOnWriteArrayList<>();
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config())) {
            ws.onError(errors::add);
            ws.connect();
            assertThat(ws.awaitState(ConnectionState.CONNECTED, WAIT)).isTrue();
            // sent, then dropped before the exchange confirmed it: the exchange holds the channel all the same
            Subscription dropped = ws.subscribeTicker(symbol(40), e -> { });
            ws.unsubscribe(dropped);
            List<Subscription> subs = new ArrayList<>();
            for (int i = 1; i <= 29; i++) {
                subs.add(ws.subscribeTicker(symbol(i), e -> { }));
            }
            // confirmed after the dropped one's confirmation, which the client answers with an unsubscribe
            await().atMost(WAIT).until(() -> subs.stream().allMatch(s -> s.chanId() != null));
            Subscription thirtieth = ws.subscribeTicker(symbol(30), e -> { });
            await().atMost(WAIT).until(() -> thirtieth.chanId() != null || !errors.isEmpty());
            assertThat(errors).as("the released channel makes room for the 30th").isEmpty();
            assertThat(ws.subscriptions()).hasSize(30).doesNotContain(dropped);
        }
    }
}
