package io.tradingbot.bitfinex.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.auth.NonceGenerator;
import io.tradingbot.bitfinex.error.MaintenanceException;
import io.tradingbot.bitfinex.error.NonceTooSmallException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.model.SubmittedOrder;
import io.tradingbot.bitfinex.model.Wallet;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.RateLimiter;
import io.tradingbot.bitfinex.rest.Sleeper;
import io.tradingbot.simulator.testkit.SimulatorProcess.Credentials;
import io.tradingbot.bitfinex.ws.AccountEvent;
import io.tradingbot.bitfinex.ws.AuthOptions;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.bitfinex.ws.ConnectionState;
import io.tradingbot.bitfinex.ws.MarketEvent;

/** Faults injected through the simulator's admin API: drops, 429/500, stale nonces, maintenance. */
class FaultsSimulatorTest extends SimulatorTestBase {

    private static final String BTC = "tBTCUSD";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void knownPrice() {
        sim.clearFaults();
        sim.setPrice(BTC, "43000");
    }

    @AfterEach
    void clear() {
        sim.clearFaults();
        sim.maintenance(false);
    }

    private static OrderRequest restingBuy(String amount) {
        return OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC, new BigDecimal(amount))
                .price(new BigDecimal("35000")).build();
    }

    @Test
    void droppedSocketReconnectsResubscribesAndReauthenticatesWithoutLosingOrDoublingEvents() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        EventLog<MarketEvent> ticker = new EventLog<>();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account));
                BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config(account))) {
            ws.onStateChange(states::add);
            ws.subscribeTicker(BTC, ticker);
            WebSocketSimulatorTest.authenticated(ws, events);
            await().atMost(WAIT).until(() -> !ticker.of(MarketEvent.TickerUpdate.class).isEmpty());

            sim.dropWebSockets();
            // placed while the client is (about to be) disconnected: must come back through the snapshot
            SubmittedOrder duringDrop = rest.submitOrder(restingBuy("0.01"));
            await().atMost(WAIT).until(() -> ws.reconnectCount() >= 1 && ws.state() == ConnectionState.AUTHENTICATED);
            assertThat(states).contains(ConnectionState.RECONNECTING);

            // whether it landed before the new snapshot or after it (as "on"), the resynced view holds it once
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(events.of(AccountEvent.OrdersSnapshot.class)).hasSizeGreaterThanOrEqualTo(2);
                assertThat(activeOrders(events)).containsKey(duringDrop.order().id());
            });

            // the ticker channel was resubscribed
            int tickerBefore = ticker.size();
            sim.setPrice(BTC, "43500");
            await().atMost(WAIT).until(() -> !ticker.since(tickerBefore, MarketEvent.TickerUpdate.class).isEmpty());

            // an order placed after the reconnect arrives exactly once
            SubmittedOrder after = rest.submitOrder(restingBuy("0.02"));
            long id = after.order().id();
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderNew.class).stream()
                    .anyMatch(on -> Long.valueOf(id).equals(on.order().id())));
            rest.cancelOrder(id);
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderClosed.class).stream()
                    .anyMatch(oc -> Long.valueOf(id).equals(oc.order().id())));
            assertThat(events.of(AccountEvent.OrderNew.class).stream()
                    .filter(on -> Long.valueOf(id).equals(on.order().id())).count()).as("on not doubled").isEqualTo(1);
            assertThat(activeOrders(events)).containsOnlyKeys(duringDrop.order().id());
        }
    }

    /** The caller's view of active orders, built only from channel-0 events: snapshots replace, on/ou/oc apply. */
    static java.util.Map<Long, io.tradingbot.bitfinex.model.Order> activeOrders(EventLog<AccountEvent> events) {
        java.util.Map<Long, io.tradingbot.bitfinex.model.Order> active = new java.util.LinkedHashMap<>();
        for (AccountEvent event : events.all()) {
            switch (event) {
                case AccountEvent.OrdersSnapshot os -> {
                    active.clear();
                    os.orders().forEach(o -> active.put(o.id(), o));
                }
                case AccountEvent.OrderNew on -> active.put(on.order().id(), on.order());
                case AccountEvent.OrderUpdated ou -> active.put(ou.order().id(), ou.order());
                case AccountEvent.OrderClosed oc -> active.remove(oc.order().id());
                default -> {
                }
            }
        }
        return active;
    }

    @Test
    void readIsRetriedWithBackoffAfter429And500ThenGivesUp() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            sim.httpFault(429, 2, "/v2/auth/r/wallets");
            List<Wallet> wallets = rest.wallets();
            assertThat(wallets).isNotEmpty();

            sim.httpFault(500, 2, "/v2/auth/r/wallets");
            assertThat(rest.wallets()).isNotEmpty();

            sim.httpFault(429, 50, "/v2/ticker");
            assertThatThrownBy(() -> rest.ticker(BTC)).isInstanceOf(RateLimitException.class);
        }
    }

    @Test
    void submitIsNeverResentAfter429() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            sim.httpFault(429, 1, "/v2/auth/w/order/submit");
            OrderRequest request = restingBuy("0.01");
            assertThatThrownBy(() -> rest.submitOrder(request)).isInstanceOf(RateLimitException.class);
            // had the client resent, the second attempt would have passed the one-shot fault and placed the order
            assertThat(rest.activeOrders()).isEmpty();
            assertThat(sim.account(account.name()).path("orders")).isEmpty();
        }
    }

    @Test
    void submitWhoseAnswerIsLostIsRecoveredByCidInsteadOfResent() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            OrderRequest request = OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC, new BigDecimal("0.01"))
                    .price(new BigDecimal("35000")).cid(4242).build();
            SubmittedOrder first = rest.submitOrder(request);
            // the same submit again, its answer lost to a 500: the client finds the order placed under that cid
            sim.httpFault(500, 1, "/v2/auth/w/order/submit");
            SubmittedOrder again = rest.submitOrder(request);
            assertThat(again.recoveredByLookup()).isTrue();
            assertThat(again.notification()).isNull();
            assertThat(again.order().id()).isEqualTo(first.order().id());
            assertThat(rest.activeOrders()).hasSize(1);

            // a 500 with nothing placed under the cid: the error surfaces and nothing was sent twice
            sim.httpFault(500, 1, "/v2/auth/w/order/submit");
            assertThatThrownBy(() -> rest.submitOrder(restingBuy("0.02"))).isInstanceOf(ServerErrorException.class);
            assertThat(rest.activeOrders()).hasSize(1);
        }
    }

    @Test
    void staleNonceIsItsOwnErrorOnRestAndWebSocket() throws Exception {
        Credentials account = newAccount();
        // a client far in the future (e.g. another process with a faster clock) uses the key first
        NonceGenerator ahead = new NonceGenerator(() -> NonceGenerator.wallClockMicros() + 3_600_000_000L);
        try (BitfinexRestClient fast = new BitfinexRestClient(config(account), new RateLimiter(System::nanoTime),
                Sleeper.REAL, ahead);
                BitfinexRestClient normal = new BitfinexRestClient(config(account), new RateLimiter(System::nanoTime),
                        Sleeper.REAL, new NonceGenerator(NonceGenerator::wallClockMicros))) {
            assertThat(fast.wallets()).isNotEmpty();
            assertThatThrownBy(normal::wallets).isInstanceOf(NonceTooSmallException.class)
                    .satisfies(e -> assertThat(((NonceTooSmallException) e).code()).isEqualTo(10114));

            // the same on the socket: a first auth far ahead, then a client with an ordinary clock
            EventLog<AccountEvent> aheadEvents = new EventLog<>();
            try (BitfinexWebSocketClient aheadWs = new BitfinexWebSocketClient(config(account), ahead)) {
                WebSocketSimulatorTest.authenticated(aheadWs, aheadEvents);
            }
            try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config(account),
                    new NonceGenerator(NonceGenerator::wallClockMicros))) {
                List<Throwable> errors = new CopyOnWriteArrayList<>();
                ws.onError(errors::add);
                ws.connect();
                ws.authenticate(AuthOptions.DEFAULT);
                await().atMost(WAIT).until(() -> ws.lastAuthError() != null);
                assertThat(ws.lastAuthError()).isInstanceOf(NonceTooSmallException.class);
                assertThat(ws.isAuthenticated()).isFalse();
                assertThat(errors).hasAtLeastOneElementOfType(NonceTooSmallException.class);
            }
        }
    }

    @Test
    void maintenancePausesThenResumes() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        List<Boolean> pauses = new CopyOnWriteArrayList<>();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account));
                BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config(account))) {
            ws.onPauseChange(pauses::add);
            WebSocketSimulatorTest.authenticated(ws, events);

            sim.maintenance(true);
            assertThat(ws.awaitState(ConnectionState.PAUSED, WAIT)).isTrue();
            assertThat(ws.isPaused()).isTrue();
            assertThat(rest.platformStatus()).isFalse();
            assertThatThrownBy(() -> rest.submitOrder(restingBuy("0.01"))).isInstanceOf(MaintenanceException.class);
            assertThatThrownBy(() -> ws.submitOrder(restingBuy("0.01"))).isInstanceOf(MaintenanceException.class);

            sim.maintenance(false);
            assertThat(ws.awaitState(ConnectionState.AUTHENTICATED, WAIT)).isTrue();
            assertThat(ws.isPaused()).isFalse();
            assertThat(pauses).containsExactly(true, false);
            assertThat(rest.platformStatus()).isTrue();
            assertThat(rest.submitOrder(restingBuy("0.01")).order().id()).isNotNull();
        }
    }

    @Test
    void submitThatTimesOutIsLookedUpByCidNotResent() throws Exception {
        Credentials account = newAccount();
        // answers take longer than the client waits, but the exchange still executes what it received
        try (BitfinexRestClient rest = new BitfinexRestClient(config().credentials(account.apiKey(), account.apiSecret())
                .requestTimeout(Duration.ofMillis(300)).readRetries(12).retryBackoff(Duration.ofMillis(50)).build())) {
            sim.latency(1_000);
            CompletableFuture<SubmittedOrder> submit = CompletableFuture.supplyAsync(() -> rest.submitOrder(
                    restingBuy("0.01")));
            // once the exchange holds the order, answers become fast again: the client's lookups can see it
            await().atMost(WAIT).until(() -> sim.account(account.name()).path("orders").size() == 1);
            sim.latency(0);
            SubmittedOrder result = submit.get(30, TimeUnit.SECONDS);
            assertThat(result.recoveredByLookup()).isTrue();
            assertThat(result.order().cid()).isEqualTo(result.cid());
            assertThat(rest.activeOrders()).hasSize(1);
            assertThat(sim.account(account.name()).path("orders")).hasSize(1);
        }
    }

    @Test
    void silentSocketIsConsideredDeadAndReplaced() throws Exception {
        Credentials account = newAccount();
        // no pings and nothing subscribed: the socket stays silent past deadAfter
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config().credentials(account.apiKey(),
                account.apiSecret()).pingInterval(Duration.ofMinutes(5)).deadAfter(Duration.ofMillis(1_500)).build())) {
            ws.connect();
            assertThat(ws.awaitState(ConnectionState.CONNECTED, WAIT)).isTrue();
            await().atMost(WAIT).until(() -> ws.reconnectCount() >= 1 && ws.state() == ConnectionState.CONNECTED);
        }
    }

    @Test
    void pingsKeepAQuietSocketAlive() throws Exception {
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config().pingInterval(Duration.ofMillis(300))
                .deadAfter(Duration.ofMillis(1_500)).build())) {
            ws.connect();
            assertThat(ws.awaitState(ConnectionState.CONNECTED, WAIT)).isTrue();
            // three times deadAfter without a subscription: only the pongs answer the client's pings
            assertThat(ws.awaitState(ConnectionState.RECONNECTING, Duration.ofMillis(4_500))).isFalse();
            assertThat(ws.reconnectCount()).isZero();
        }
    }
}
