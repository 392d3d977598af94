package io.tradingbot.bitfinex.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tradingbot.bitfinex.error.AuthenticationException;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.InsufficientBalanceException;
import io.tradingbot.bitfinex.error.InvalidAmountException;
import io.tradingbot.bitfinex.error.OrderRejectedException;
import io.tradingbot.bitfinex.model.AccountTrade;
import io.tradingbot.bitfinex.model.CancelMultiRequest;
import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.bitfinex.model.Notification;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderFlags;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.model.OrderUpdateRequest;
import io.tradingbot.bitfinex.model.SubmittedOrder;
import io.tradingbot.bitfinex.model.Wallet;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.simulator.testkit.SimulatorProcess.Credentials;

/** Authenticated REST reads and order writes against the real simulator. */
class RestAuthSimulatorTest extends SimulatorTestBase {

    private static final String BTC = "tBTCUSD";

    @BeforeEach
    void knownPrice() {
        sim.setPrice(BTC, "43000");
    }

    private static OrderRequest restingBuy(String amount) {
        return OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC, new BigDecimal(amount))
                .price(new BigDecimal("35000")).build();
    }

    @Test
    void walletsOfAFreshAccount() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            List<Wallet> wallets = rest.wallets();
            assertThat(wallets).anySatisfy(w -> {
                assertThat(w.type()).isEqualTo("exchange");
                assertThat(w.currency()).isEqualTo("USD");
                assertThat(w.balance()).isEqualByComparingTo("100000");
            });
            assertThat(wallets).anySatisfy(w -> {
                assertThat(w.type()).isEqualTo("exchange");
                assertThat(w.currency()).isEqualTo("BTC");
                assertThat(w.balance()).isEqualByComparingTo("2");
            });
            assertThat(wallets).anySatisfy(w -> {
                assertThat(w.type()).isEqualTo("margin");
                assertThat(w.balance()).isEqualByComparingTo("10000");
            });
        }
    }

    /**
     * Several threads of one process signing with one key, through two clients of it (order-service looks orders up
     * while it places others; a test or a tool signs beside a service): the exchange refuses a nonce lower than one it
     * has seen, so each request must arrive in the order its nonce was taken, whichever client sends it.
     */
    @Test
    void concurrentAuthenticatedCallsOnOneKeyAreNeverRefusedForTheirNonce() throws Exception {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account));
                BitfinexRestClient beside = new BitfinexRestClient(config(account));
                var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<List<Wallet>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                calls.add(pool.submit(i % 2 == 0 ? rest::wallets : beside::wallets));
            }
            for (var call : calls) {
                assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
            }
        }
    }

    @Test
    void marginInfoAndPositions() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            assertThat(rest.positions()).isEmpty();
            MarginInfoBase base = rest.marginInfoBase();
            assertThat(base.marginBalance()).isNotNull();
            assertThat(rest.marginInfo(BTC).symbol()).isEqualTo(BTC);
            assertThat(rest.marginInfo(BTC).tradableBalance()).isPositive();
            assertThat(rest.marginInfoAllSymbols()).extracting(m -> m.symbol()).contains(BTC);

            // a margin (non-EXCHANGE) market buy opens a position
            rest.submitOrder(OrderRequest.builder(OrderType.MARKET, BTC, new BigDecimal("0.01")).build());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rest.positions())
                    .singleElement().satisfies(p -> {
                        assertThat(p.symbol()).isEqualTo(BTC);
                        assertThat(p.isActive()).isTrue();
                        assertThat(p.amount()).isEqualByComparingTo("0.01");
                        assertThat(p.basePrice()).isPositive();
                    }));
        }
    }

    @Test
    void submitUpdateAndCancelById() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            SubmittedOrder submitted = rest.submitOrder(restingBuy("0.01"));
            assertThat(submitted.recoveredByLookup()).isFalse();
            assertThat(submitted.notification().isSuccess()).isTrue();
            Order order = submitted.order();
            assertThat(order.id()).isNotNull();
            assertThat(order.cid()).isEqualTo(submitted.cid());
            assertThat(order.amount()).isEqualByComparingTo("0.01");
            assertThat(order.price()).isEqualByComparingTo("35000");

            assertThat(rest.activeOrders()).extracting(Order::id).containsExactly(order.id());
            assertThat(rest.activeOrders(BTC)).extracting(Order::id).containsExactly(order.id());

            Notification updated = rest.updateOrder(OrderUpdateRequest.price(order.id(), new BigDecimal("36000")));
            assertThat(updated.isSuccess()).isTrue();
            assertThat(rest.activeOrders()).singleElement()
                    .satisfies(o -> assertThat(o.price()).isEqualByComparingTo("36000"));

            Notification canceled = rest.cancelOrder(order.id());
            assertThat(canceled.isSuccess()).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders()).isEmpty());
            assertThat(rest.orderHistory(BTC, HistoryQuery.DEFAULT)).anySatisfy(o -> {
                assertThat(o.id()).isEqualTo(order.id());
                assertThat(o.state()).isEqualTo(Order.State.CANCELED);
            });
            assertThat(rest.orderHistory(null, HistoryQuery.DEFAULT)).extracting(Order::id).contains(order.id());
        }
    }

    @Test
    void cancelByCidAndCancelMulti() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            SubmittedOrder a = rest.submitOrder(restingBuy("0.01"));
            SubmittedOrder b = rest.submitOrder(restingBuy("0.02"));
            SubmittedOrder c = rest.submitOrder(restingBuy("0.03"));
            assertThat(rest.activeOrders()).hasSize(3);

            rest.cancelOrderByCid(a.cid(), LocalDate.now(ZoneOffset.UTC));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders())
                    .extracting(Order::id).containsExactlyInAnyOrder(b.order().id(), c.order().id()));

            Notification multi = rest.cancelOrders(CancelMultiRequest.ids(List.of(b.order().id(), c.order().id())));
            assertThat(multi.isSuccess()).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders()).isEmpty());

            rest.submitOrder(restingBuy("0.01"));
            rest.submitOrder(restingBuy("0.01"));
            rest.cancelOrders(CancelMultiRequest.all());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders()).isEmpty());
        }
    }

    /**
     * A cid look-up reads the history page by page: the order is found behind orders closed after it, also where a
     * page ends among orders closed in the same millisecond (a cancel-all closes them at once).
     */
    @Test
    void findByCidPagesThroughTheHistory() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(sim.now()), ZoneOffset.UTC);
            SubmittedOrder target = rest.submitOrder(restingBuy("0.01"));
            rest.submitOrder(restingBuy("0.02"));
            rest.cancelOrders(CancelMultiRequest.all());
            for (int round = 0; round < 4; round++) {
                sim.advanceClock(1);
                for (int i = 0; i < 4; i++) {
                    rest.submitOrder(restingBuy("0.01"));
                }
                rest.cancelOrders(CancelMultiRequest.all());
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders()).isEmpty());
            assertThat(rest.orderHistory(BTC, HistoryQuery.limit(5))).extracting(Order::cid)
                    .doesNotContain(target.cid());

            assertThat(rest.findByCid(BTC, target.cid(), today, 5)).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo(target.order().id());
                assertThat(o.state()).isEqualTo(Order.State.CANCELED);
            });
            assertThat(rest.findByCid(BTC, 424242L, today, 5)).isEmpty();
        }
    }

    /** More orders closed in one millisecond than a page holds: "unknown", never "not found" (which places again). */
    @Test
    void findByCidRefusesToAnswerWhenAPageCannotBeGotPast() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(sim.now()), ZoneOffset.UTC);
            for (int i = 0; i < 6; i++) {
                rest.submitOrder(restingBuy("0.01"));
            }
            rest.cancelOrders(CancelMultiRequest.all());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders()).isEmpty());

            assertThatThrownBy(() -> rest.findByCid(BTC, 424242L, today, 5)).isInstanceOf(BitfinexException.class)
                    .hasMessageContaining("could not be read to its end");
            assertThat(rest.findByCid(BTC, 424242L, today, 7)).isEmpty();
            // Bitfinex answers at most 2,500 a read: a larger page would end the look-up after its first read.
            assertThatThrownBy(() -> rest.findByCid(BTC, 424242L, today, 2_501))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void marketOrderFillsAndShowsInTradesAndWallets() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            SubmittedOrder submitted = rest.submitOrder(
                    OrderRequest.builder(OrderType.EXCHANGE_MARKET, BTC, new BigDecimal("0.01")).build());
            long orderId = submitted.order().id();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<AccountTrade> trades = rest.accountTrades(BTC, HistoryQuery.DEFAULT);
                assertThat(trades).anySatisfy(t -> {
                    assertThat(t.orderId()).isEqualTo(orderId);
                    assertThat(t.execAmount()).isEqualByComparingTo("0.01");
                    assertThat(t.execPrice()).isPositive();
                    assertThat(t.fee()).isNotNull();
                });
            });
            assertThat(rest.accountTrades(null, HistoryQuery.DEFAULT)).extracting(AccountTrade::orderId).contains(orderId);
            assertThat(rest.orderTrades(BTC, orderId)).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.orderId()).isEqualTo(orderId));
            assertThat(rest.orderHistory(BTC, HistoryQuery.DEFAULT)).anySatisfy(o -> {
                assertThat(o.id()).isEqualTo(orderId);
                assertThat(o.state()).isEqualTo(Order.State.EXECUTED);
            });
            assertThat(rest.wallets()).anySatisfy(w -> {
                assertThat(w.type()).isEqualTo("exchange");
                assertThat(w.currency()).isEqualTo("BTC");
                assertThat(w.balance()).isGreaterThan(new BigDecimal("2"));
            });
        }
    }

    @Test
    void rejectedOrdersAreTypedErrors() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            // below the pair's minimum size: a rejection notification or Bitfinex's 10001 error, both typed
            assertThatThrownBy(() -> rest.submitOrder(restingBuy("0.00000001")))
                    .isInstanceOfAny(OrderRejectedException.class, InvalidAmountException.class);
            // far more than the wallet holds
            assertThatThrownBy(() -> rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC,
                    new BigDecimal("-500")).price(new BigDecimal("50000")).build()))
                    .isInstanceOfAny(OrderRejectedException.class, InsufficientBalanceException.class);
            assertThat(rest.activeOrders()).isEmpty();
        }
    }

    @Test
    void keyWithoutWritePermissionCannotTrade() {
        Credentials readOnly = newAccount(List.of("read"));
        try (BitfinexRestClient rest = new BitfinexRestClient(config(readOnly))) {
            assertThat(rest.wallets()).isNotEmpty();
            assertThatThrownBy(() -> rest.submitOrder(restingBuy("0.01"))).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void wrongSecretIsAnAuthenticationError() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config().credentials(account.apiKey(), "wrong").build())) {
            assertThatThrownBy(rest::wallets).isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(((BitfinexException) e).code()).isEqualTo(10100));
        }
    }

    @Test
    void everyOrderFieldReachesTheExchange() {
        Credentials account = newAccount();
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            // OCO: a limit sell above the market and its stop twin below; one submit, two orders
            SubmittedOrder oco = rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC,
                    new BigDecimal("-0.01")).price(new BigDecimal("50000")).oco(new BigDecimal("40000")).build());
            assertThat(oco.orders()).hasSize(2);
            assertThat(oco.orders()).anySatisfy(o -> {
                assertThat(o.type()).isEqualTo("EXCHANGE LIMIT");
                assertThat(o.price()).isEqualByComparingTo("50000");
                assertThat(o.hasFlag(OrderFlags.OCO)).isTrue();
            });
            assertThat(oco.orders()).anySatisfy(o -> assertThat(o.price()).isEqualByComparingTo("40000"));

            Instant tif = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            SubmittedOrder stopLimit = rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_STOP_LIMIT, BTC,
                    new BigDecimal("0.01")).price(new BigDecimal("45000")).priceAuxLimit(new BigDecimal("45100"))
                    .gid(77).tif(tif).build());
            assertThat(stopLimit.order().type()).isEqualTo("EXCHANGE STOP LIMIT");
            assertThat(stopLimit.order().price()).isEqualByComparingTo("45000");
            assertThat(stopLimit.order().priceAuxLimit()).isEqualByComparingTo("45100");
            assertThat(stopLimit.order().gid()).isEqualTo(77L);
            assertThat(stopLimit.order().mtsTif()).isEqualTo(tif.toEpochMilli());

            SubmittedOrder trailing = rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_TRAILING_STOP, BTC,
                    new BigDecimal("-0.01")).priceTrailing(new BigDecimal("500")).build());
            assertThat(trailing.order().priceTrailing()).isEqualByComparingTo("500");

            SubmittedOrder hiddenPostOnly = rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, BTC,
                    new BigDecimal("0.01")).price(new BigDecimal("35000")).hidden().postOnly()
                    .meta(java.util.Map.of("aff_code", "tradingbot")).build());
            assertThat(hiddenPostOnly.order().hidden()).isTrue();
            assertThat(hiddenPostOnly.order().hasFlag(OrderFlags.POST_ONLY)).isTrue();

            assertThat(rest.activeOrders()).hasSize(5);
            rest.cancelOrders(CancelMultiRequest.groupIds(List.of(77L)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rest.activeOrders()).hasSize(4)
                    .noneSatisfy(o -> assertThat(o.gid()).isEqualTo(77L)));
        }
    }

    @Test
    void paperPairUsesTheColonSymbol() {
        Credentials account = sim.createAccount("paper" + System.nanoTime() % 100_000, List.of("read", "write"),
                List.of(new io.tradingbot.simulator.testkit.SimulatorProcess.WalletSpec("exchange", "TESTUSD", "1000")));
        try (BitfinexRestClient rest = new BitfinexRestClient(config(account))) {
            assertThat(rest.ticker("tTESTBTC:TESTUSD").lastPrice()).isPositive();
            SubmittedOrder order = rest.submitOrder(OrderRequest.builder(OrderType.EXCHANGE_LIMIT, "tTESTBTC:TESTUSD",
                    new BigDecimal("0.001")).price(rest.ticker("tTESTBTC:TESTUSD").lastPrice()
                    .multiply(new BigDecimal("0.8")).setScale(0, java.math.RoundingMode.DOWN)).build());
            assertThat(rest.activeOrders("tTESTBTC:TESTUSD")).extracting(Order::id).containsExactly(order.order().id());
        }
    }
}
