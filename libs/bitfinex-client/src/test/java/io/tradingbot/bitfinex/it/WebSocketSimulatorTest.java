package io.tradingbot.bitfinex.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.model.CancelMultiRequest;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.model.OrderUpdateRequest;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.simulator.testkit.SimulatorProcess.Credentials;
import io.tradingbot.bitfinex.ws.AccountEvent;
import io.tradingbot.bitfinex.ws.AuthOptions;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.bitfinex.ws.ConnectionState;
import io.tradingbot.bitfinex.ws.MarketEvent;

/** Public channels and channel 0 against the real simulator's WebSocket. */
class WebSocketSimulatorTest extends SimulatorTestBase {

    private static final String BTC = "tBTCUSD";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeEach
    void knownPrice() {
        sim.setPrice(BTC, "43000");
    }

    private static OrderRequest restingBuy(String amount) {
        return OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC, new BigDecimal(amount))
                .price(new BigDecimal("35000")).build();
    }

    static BitfinexWebSocketClient authenticated(BitfinexWebSocketClient ws, EventLog<AccountEvent> events)
            throws InterruptedException {
        ws.onAccountEvent(events);
        ws.connect();
        ws.authenticate(AuthOptions.DEFAULT);
        assertThat(ws.awaitState(ConnectionState.AUTHENTICATED, WAIT)).as("authenticated").isTrue();
        await().atMost(WAIT).until(() -> !events.of(AccountEvent.OrdersSnapshot.class).isEmpty()
                && !events.of(AccountEvent.WalletsSnapshot.class).isEmpty());
        return ws;
    }

    @Test
    void publicChannelsSnapshotThenUpdates() throws Exception {
        EventLog<MarketEvent> ticker = new EventLog<>();
        EventLog<MarketEvent> candles = new EventLog<>();
        EventLog<MarketEvent> trades = new EventLog<>();
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config().build())) {
            ws.connect();
            assertThat(ws.awaitState(ConnectionState.CONNECTED, WAIT)).isTrue();
            ws.subscribeTicker(BTC, ticker);
            ws.subscribeCandles("trade:1m:" + BTC, candles);
            ws.subscribeTrades(BTC, trades);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(ticker.of(MarketEvent.TickerUpdate.class)).isNotEmpty();
                assertThat(candles.of(MarketEvent.CandlesSnapshot.class)).hasSize(1);
                assertThat(trades.of(MarketEvent.TradesSnapshot.class)).hasSize(1);
            });
            assertThat(ws.subscriptions()).allSatisfy(s -> assertThat(s.chanId()).isNotNull());

            int tickersBefore = ticker.size();
            int candlesBefore = candles.size();
            sim.setPrice(BTC, "43210");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(ticker.since(tickersBefore, MarketEvent.TickerUpdate.class)).anySatisfy(t -> assertThat(
                        t.ticker().lastPrice()).isCloseTo(new BigDecimal("43210"), Percentage.withPercentage(1)));
                assertThat(candles.since(candlesBefore, MarketEvent.CandleUpdate.class)).anySatisfy(c -> assertThat(
                        c.candle().close()).isCloseTo(new BigDecimal("43210"), Percentage.withPercentage(1)));
            });

            // a trade by any account shows on the public trades channel
            Credentials account = newAccount();
            try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
                rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, BTC, new BigDecimal("0.0123")).build());
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(trades.of(MarketEvent.TradeUpdate.class))
                    .anySatisfy(t -> assertThat(t.trade().amount().abs()).isEqualByComparingTo("0.0123")));
        }
    }

    @Test
    void marketOrderFillIsObservedOnChannelZero() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        try (BitfinexWebSocketClient ws = authenticated(new BitfinexWebSocketClient(config(account)), events)) {
            assertThat(events.of(AccountEvent.WalletsSnapshot.class).get(0).wallets())
                    .anySatisfy(w -> assertThat(w.currency()).isEqualTo("BTC"));

            long cid = ws.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, BTC, new BigDecimal("0.01")).build());

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(events.of(AccountEvent.NotificationEvent.class)).anySatisfy(n -> {
                    assertThat(n.notification().type()).isEqualTo("on-req");
                    assertThat(n.notification().isSuccess()).isTrue();
                    assertThat(n.notification().orders()).anySatisfy(o -> assertThat(o.cid()).isEqualTo(cid));
                });
                assertThat(events.of(AccountEvent.OrderClosed.class)).anySatisfy(oc -> {
                    assertThat(oc.order().cid()).isEqualTo(cid);
                    assertThat(oc.order().state()).isEqualTo(Order.State.EXECUTED);
                    assertThat(oc.order().amount()).isEqualByComparingTo("0");
                });
            });
            long orderId = events.of(AccountEvent.OrderClosed.class).stream()
                    .filter(oc -> Long.valueOf(cid).equals(oc.order().cid())).findFirst().orElseThrow().order().id();
            await().atMost(WAIT).untilAsserted(() -> {
                List<AccountEvent.TradeEvent> trades = events.of(AccountEvent.TradeEvent.class).stream()
                        .filter(t -> Long.valueOf(orderId).equals(t.trade().orderId())).toList();
                assertThat(trades).anySatisfy(t -> {
                    assertThat(t.type()).isEqualTo("te");
                    assertThat(t.trade().execAmount()).isEqualByComparingTo("0.01");
                });
                assertThat(trades).anySatisfy(t -> {
                    assertThat(t.type()).isEqualTo("tu");
                    assertThat(t.trade().fee()).isNotNull();
                });
                assertThat(events.of(AccountEvent.WalletUpdated.class)).anySatisfy(w -> {
                    assertThat(w.wallet().currency()).isEqualTo("BTC");
                    assertThat(w.wallet().balance()).isGreaterThan(new BigDecimal("2"));
                });
            });
            assertThat(events.of(AccountEvent.TradeEvent.class).stream().filter(t -> Long.valueOf(orderId).equals(t.trade().orderId()))
                    .filter(t -> t.type().equals("te")).count()).as("te not doubled").isEqualTo(1);
        }
    }

    @Test
    void channelZeroInputsNewUpdateCancel() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        try (BitfinexWebSocketClient ws = authenticated(new BitfinexWebSocketClient(config(account)), events)) {
            long cid = ws.submitOrder(restingBuy("0.01"));
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderNew.class).stream()
                    .anyMatch(on -> Long.valueOf(cid).equals(on.order().cid())));
            Order placed = events.of(AccountEvent.OrderNew.class).stream().filter(on -> Long.valueOf(cid).equals(on.order().cid()))
                    .findFirst().orElseThrow().order();
            assertThat(placed.state()).isEqualTo(Order.State.ACTIVE);
            assertThat(placed.raw()).isNotNull();

            ws.updateOrder(OrderUpdateRequest.price(placed.id(), new BigDecimal("36000")));
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.of(AccountEvent.OrderUpdated.class))
                    .anySatisfy(ou -> {
                        assertThat(ou.order().id()).isEqualTo(placed.id());
                        assertThat(ou.order().price()).isEqualByComparingTo("36000");
                    }));

            ws.cancelOrder(placed.id());
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.of(AccountEvent.OrderClosed.class))
                    .anySatisfy(oc -> {
                        assertThat(oc.order().id()).isEqualTo(placed.id());
                        assertThat(oc.order().state()).isEqualTo(Order.State.CANCELED);
                    }));

            long cid2 = ws.submitOrder(restingBuy("0.02"));
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderNew.class).stream()
                    .anyMatch(on -> Long.valueOf(cid2).equals(on.order().cid())));
            ws.cancelOrderByCid(cid2, LocalDate.now(ZoneOffset.UTC));
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderClosed.class).stream()
                    .anyMatch(oc -> Long.valueOf(cid2).equals(oc.order().cid())));

            long cid3 = ws.submitOrder(restingBuy("0.03"));
            long cid4 = ws.submitOrder(restingBuy("0.04"));
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderNew.class).stream()
                    .filter(on -> Long.valueOf(cid3).equals(on.order().cid()) || Long.valueOf(cid4).equals(on.order().cid())).count() == 2);
            List<Long> ids = events.of(AccountEvent.OrderNew.class).stream()
                    .filter(on -> Long.valueOf(cid3).equals(on.order().cid()) || Long.valueOf(cid4).equals(on.order().cid())).map(on -> on.order().id()).toList();
            ws.cancelOrders(CancelMultiRequest.ids(ids));
            await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderClosed.class).stream()
                    .filter(oc -> ids.contains(oc.order().id())).count() == 2);
            assertThat(sim.account(account.name()).path("orders")).isEmpty();
        }
    }

    @Test
    void deadManSwitchCancelsOrdersWhenTheSocketCloses() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config(account));
        ws.onAccountEvent(events);
        ws.connect();
        ws.authenticate(new AuthOptions(true, List.of()));
        assertThat(ws.awaitState(ConnectionState.AUTHENTICATED, WAIT)).isTrue();
        long cid = ws.submitOrder(restingBuy("0.01"));
        await().atMost(WAIT).until(() -> events.of(AccountEvent.OrderNew.class).stream()
                .anyMatch(on -> Long.valueOf(cid).equals(on.order().cid())));
        assertThat(sim.account(account.name()).path("orders")).hasSize(1);
        ws.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sim.account(account.name()).path("orders")).isEmpty());
    }

    @Test
    void filterLimitsChannelZeroToTheAskedInformation() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config(account))) {
            ws.onAccountEvent(events);
            ws.connect();
            ws.authenticate(new AuthOptions(false, List.of("wallet")));
            assertThat(ws.awaitState(ConnectionState.AUTHENTICATED, WAIT)).isTrue();
            await().atMost(WAIT).until(() -> !events.of(AccountEvent.WalletsSnapshot.class).isEmpty());
            long cid = ws.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_MARKET, BTC, new BigDecimal("0.01")).build());
            await().atMost(WAIT).until(() -> events.of(AccountEvent.WalletUpdated.class).stream()
                    .anyMatch(w -> w.wallet().currency().equals("BTC")));
            assertThat(events.of(AccountEvent.OrdersSnapshot.class)).isEmpty();
            assertThat(events.of(AccountEvent.OrderClosed.class)).isEmpty();
            assertThat(events.of(AccountEvent.TradeEvent.class)).isEmpty();
            assertThat(cid).isPositive();
        }
    }

    @Test
    void asyncSubmitCompletesWithItsOwnNotification() throws Exception {
        Credentials account = newAccount();
        EventLog<AccountEvent> events = new EventLog<>();
        try (BitfinexWebSocketClient ws = authenticated(new BitfinexWebSocketClient(config(account)), events)) {
            OrderRequest request = restingBuy("0.01");
            var first = ws.submitOrderAsync(request);
            var second = ws.submitOrderAsync(restingBuy("0.02"));
            var n1 = first.get(15, java.util.concurrent.TimeUnit.SECONDS);
            var n2 = second.get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(n1.isSuccess()).isTrue();
            assertThat(n1.orders()).singleElement().satisfies(o -> assertThat(o.amount()).isEqualByComparingTo("0.01"));
            assertThat(n2.orders()).singleElement().satisfies(o -> assertThat(o.amount()).isEqualByComparingTo("0.02"));

            var rejected = ws.submitOrderAsync(restingBuy("0.00000001"));
            assertThatThrownBy(() -> rejected.get(15, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(io.tradingbot.bitfinex.error.OrderRejectedException.class);
        }
    }

    @Test
    void subscribingToAnUnknownSymbolReportsATypedError() throws Exception {
        java.util.List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BitfinexWebSocketClient ws = new BitfinexWebSocketClient(config().build())) {
            ws.onError(errors::add);
            ws.connect();
            var sub = ws.subscribeTicker("tNOPEUSD", e -> { });
            await().atMost(WAIT).until(() -> !errors.isEmpty());
            assertThat(errors).singleElement().isInstanceOf(io.tradingbot.bitfinex.error.InvalidSymbolException.class);
            assertThat(sub.chanId()).isNull();
        }
    }
}
