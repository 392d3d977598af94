package io.tradingbot.account.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradingbot.account.config.AccountConfig;
import io.tradingbot.account.messaging.AccountPublisher;
import io.tradingbot.account.messaging.PrivateEvents;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.ws.AccountEvent;
import io.tradingbot.bitfinex.ws.AuthOptions;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.bitfinex.ws.ConnectionState;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.AccountSummary;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Symbols;
import io.tradingbot.events.Wallet;
import io.tradingbot.support.bitfinex.BitfinexSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the account in step with the exchange (the seed's {@code initialize()}): wallets, positions, margin info and
 * open orders over REST at start, then channel 0 of its own authenticated WebSocket, with a REST reconciliation every
 * {@code account.reconcile-interval} and after every re-authentication that replaces what drifted and says so. Every
 * change ends up in a snapshot on account.snapshots.v1; bursts are coalesced, the last state is always published, and a
 * quiet account is published again every {@code account.snapshot-interval}.
 */
@ApplicationScoped
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class);
    /** Channel-0 groups this service needs: wallets, the balance, positions, orders and margin info (under "trading"). */
    private static final AuthOptions AUTH = new AuthOptions(false, List.of("wallet", "balance", "trading"));
    private static final int STALE_READ_ATTEMPTS = 3;
    private static final long RETRY_MILLIS = 5_000;
    private static final long RESYNC_DELAY_MILLIS = 1_000;

    private final BitfinexWebSocketClient ws;
    private final BitfinexSettings bitfinex;
    private final AccountConfig config;
    private final AccountBook book;
    private final UsdPrices prices;
    private final AccountPublisher publisher;
    private final ExchangeReader reader;
    private final SummaryCalculator calculator;
    private final Map<RefreshScope, Counter> driftCounters = new EnumMap<>(RefreshScope.class);
    private final Counter reconciliations;
    private final ScheduledExecutorService publishing = Executors.newSingleThreadScheduledExecutor(
            named("account-publisher"));
    private final ScheduledExecutorService reconciling = Executors.newSingleThreadScheduledExecutor(
            named("account-reconciler"));
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final AtomicLong authentications = new AtomicLong();
    /** When the last snapshot was published (System.nanoTime). */
    private volatile long lastPublished = System.nanoTime();

    /** What a refresh found and did. */
    public record Refresh(String scope, boolean applied, List<String> drift) {
    }

    public AccountService(BitfinexRestClient rest, BitfinexWebSocketClient ws, BitfinexSettings bitfinex,
            AccountConfig config, AccountBook book, UsdPrices prices, AccountPublisher publisher, MeterRegistry registry) {
        this.ws = ws;
        this.bitfinex = bitfinex;
        this.config = config;
        this.book = book;
        this.prices = prices;
        this.publisher = publisher;
        this.reader = new ExchangeReader(rest);
        this.calculator = new SummaryCalculator(config.margin().healthyLevel(), config.margin().warningLevel());
        this.reconciliations = Counter.builder("account.reconciliation.runs")
                .description("REST reconciliations applied (scheduled, after a reconnect, or asked for)").register(registry);
        for (RefreshScope part : List.of(RefreshScope.WALLETS, RefreshScope.POSITIONS, RefreshScope.MARGIN,
                RefreshScope.ORDERS)) {
            driftCounters.put(part, Counter.builder("account.reconciliation.drift")
                    .description("REST reconciliations that found the event-built state wrong, per part of the account")
                    .tag("part", part.label()).register(registry));
        }
        // Each reopening of channel 0 is a window in which the account is known only by the reconciliation after it.
        FunctionCounter.builder("tradingbot.exchange.ws.reconnects", ws, BitfinexWebSocketClient::reconnectCount)
                .description("Times the exchange WebSocket was reopened after it was lost")
                .tag("socket", "private")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (bitfinex.apiKey().isEmpty()) {
            throw new IllegalStateException("account-service reads the account with an API key of its own: set "
                    + "bitfinex.api-key and bitfinex.api-secret (BITFINEX_API_KEY, BITFINEX_API_SECRET). One key per "
                    + "process, because Bitfinex requires nonces to grow per key.");
        }
        try {
            initialLoad(); // a key without read permission stops the start here, with the reason
        } catch (ExchangeReader.MissingPermissionException e) {
            throw e;
        } catch (BitfinexException e) {
            LOG.warnf("The exchange is not answering yet (%s); retrying the initial load every %d s", e.getMessage(),
                    RETRY_MILLIS / 1000);
            reconciling.schedule(this::retryInitialLoad, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
        ws.onAccountEvent(this::onAccountEvent);
        ws.onStateChange(this::onConnectionState);
        ws.onError(e -> LOG.warnf("Exchange WebSocket error: %s", e.getMessage()));
        ws.connect();
        ws.authenticate(AUTH);
        long every = config.reconcileInterval().toMillis();
        reconciling.scheduleWithFixedDelay(this::scheduledReconciliation, every, every, TimeUnit.MILLISECONDS);
        // Looked at four times an interval, so that no gap between two snapshots is much longer than the interval.
        long look = Math.max(100, config.snapshotInterval().toMillis() / 4);
        publishing.scheduleWithFixedDelay(this::publishIfQuiet, look, look, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        reconciling.shutdownNow();
        publishing.shutdownNow();
    }

    /** Loaded over REST and following channel 0. */
    public boolean isInStep() {
        return loaded.get() && ws.state() == ConnectionState.AUTHENTICATED;
    }

    public List<Wallet> wallets() {
        return book.state().wallets();
    }

    public List<Position> positions() {
        return book.state().positions();
    }

    public MarginInfo margin() {
        return book.state().margin();
    }

    public List<ActiveOrder> orders() {
        return book.state().orders();
    }

    /** Spot entries of the bot filled within {@code account.filled-entry-window} whose exit is not on the exchange. */
    public List<FilledEntry> filledEntries() {
        return withinWindow(book.state().filledEntries());
    }

    private List<FilledEntry> withinWindow(List<FilledEntry> entries) {
        long since = System.currentTimeMillis() - config.filledEntryWindow().toMillis();
        return entries.stream().filter(e -> e.mts() >= since).toList();
    }

    public AccountSummary summary() {
        return snapshot().summary();
    }

    public AccountSnapshot snapshot() {
        AccountBook.State state = book.state();
        Set<String> currencies = new LinkedHashSet<>();
        state.wallets().forEach(w -> currencies.add(w.currency()));
        List<String> symbols = new ArrayList<>();
        state.positions().forEach(p -> {
            symbols.add(p.symbol());
            currencies.add(Symbols.quote(p.symbol()));
        });
        UsdPrices.Board board = prices.board(currencies, symbols);
        AccountSummary summary = calculator.summarize(state.wallets(), state.positions(), state.margin(), board);
        return new AccountSnapshot(config.name(), System.currentTimeMillis(), state.wallets(), state.positions(),
                state.margin(), summary, state.orders(), withinWindow(state.filledEntries()));
    }

    /**
     * Re-reads a part of the account over REST and replaces what the book holds; drift is logged and counted.
     *
     * @throws BitfinexException when the exchange cannot be read
     */
    public Refresh refresh(RefreshScope scope) {
        for (int attempt = 1; attempt <= STALE_READ_ATTEMPTS; attempt++) {
            long readAt = book.version();
            List<Wallet> wallets = scope.includes(RefreshScope.WALLETS) ? reader.wallets() : null;
            List<Position> positions = scope.includes(RefreshScope.POSITIONS) ? reader.positions() : null;
            MarginInfo margin = scope.includes(RefreshScope.MARGIN) ? reader.margin() : null;
            List<ActiveOrder> orders = scope.includes(RefreshScope.ORDERS) ? reader.orders() : null;
            List<FilledEntry> owingExits = orders == null ? null : readFilledEntries(orders);
            Map<RefreshScope, List<String>> drift = new EnumMap<>(RefreshScope.class);
            boolean applied = book.applyIfCurrent(readAt, () -> {
                AccountBook.State known = book.state();
                if (wallets != null) {
                    drift.put(RefreshScope.WALLETS, Drift.wallets(known.wallets(), wallets));
                    book.replaceWallets(wallets);
                }
                if (positions != null) {
                    drift.put(RefreshScope.POSITIONS, Drift.positions(known.positions(), positions));
                    book.replacePositions(positions);
                }
                if (margin != null) {
                    drift.put(RefreshScope.MARGIN, Drift.margin(known.margin(), margin));
                    book.replaceMargin(margin);
                }
                if (orders != null) {
                    List<String> lines = new ArrayList<>(Drift.orders(known.orders(), orders));
                    lines.addAll(Drift.filledEntries(known.filledEntries(), owingExits));
                    drift.put(RefreshScope.ORDERS, lines);
                    book.replaceOrders(orders);
                    book.replaceFilledEntries(owingExits);
                }
            });
            if (applied) {
                reconciliations.increment();
                List<String> found = new ArrayList<>();
                drift.forEach((part, lines) -> {
                    if (!lines.isEmpty()) {
                        driftCounters.get(part).increment();
                        found.addAll(lines);
                    }
                });
                if (!found.isEmpty()) {
                    LOG.warnf("Reconciliation (%s) repaired drift from the exchange's event stream: %s", scope.label(),
                            String.join("; ", found));
                }
                if (book.version() != readAt) {
                    changed();
                }
                return new Refresh(scope.label(), true, found);
            }
            LOG.debugf("Events arrived while reading %s over REST (attempt %d): the read is older, reading again",
                    scope.label(), attempt);
        }
        // events keep arriving: they are newer than any read, and the next reconciliation tries again
        return new Refresh(scope.label(), false, List.of());
    }

    private void initialLoad() {
        List<Wallet> wallets = reader.wallets();
        List<Position> positions = reader.positions();
        MarginInfo margin = reader.margin();
        List<ActiveOrder> orders = reader.orders();
        List<FilledEntry> owingExits = readFilledEntries(orders);
        book.replaceWallets(wallets);
        book.replacePositions(positions);
        book.replaceMargin(margin);
        book.replaceOrders(orders);
        book.replaceFilledEntries(owingExits);
        loaded.set(true);
        LOG.infof("Account '%s' loaded over REST: %d wallets, %d open positions, %d open orders, %d filled entries "
                + "without their exit", config.name(), wallets.size(), positions.size(), orders.size(),
                owingExits.size());
        changed();
    }

    /** The bot's entries that filled within the window and have no exit, by the open and the last closed orders. */
    private List<FilledEntry> readFilledEntries(List<ActiveOrder> open) {
        long since = System.currentTimeMillis() - config.filledEntryWindow().toMillis();
        return FilledEntries.fromHistory(open, reader.closedOrders(), since);
    }

    private void retryInitialLoad() {
        try {
            initialLoad();
        } catch (RuntimeException e) {
            LOG.warnf("Initial load failed again (%s); retrying in %d s", e.getMessage(), RETRY_MILLIS / 1000);
            reconciling.schedule(this::retryInitialLoad, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledReconciliation() {
        if (!loaded.get()) {
            return;
        }
        try {
            refresh(RefreshScope.ALL);
        } catch (RuntimeException e) {
            LOG.warnf("Reconciliation over REST failed, trying again in %s: %s", config.reconcileInterval(),
                    e.getMessage());
        }
    }

    private void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.AUTHENTICATED && authentications.incrementAndGet() > 1) {
            // the snapshots after re-auth bring wallets and positions back; margin info only comes over REST. The
            // read waits for the snapshots, so what they repaired is not reported as drift.
            LOG.info("Exchange WebSocket re-authenticated: reconciling over REST");
            reconciling.schedule(this::scheduledReconciliation, RESYNC_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } else if (state == ConnectionState.RECONNECTING) {
            LOG.warn("Exchange WebSocket lost: reconnecting; the snapshots after re-authentication resync the account");
        }
    }

    private void onAccountEvent(AccountEvent event) {
        try {
            boolean changed = switch (event) {
                case AccountEvent.WalletsSnapshot s -> book.replaceWallets(s.wallets().stream()
                        .map(ExchangeRecords::wallet).toList());
                case AccountEvent.WalletUpdated u -> book.putWallet(ExchangeRecords.wallet(u.wallet()));
                case AccountEvent.PositionsSnapshot s -> book.replacePositions(s.positions().stream()
                        .map(ExchangeRecords::position).toList());
                case AccountEvent.PositionChanged c -> c.isClosed() ? book.removePosition(c.position().symbol())
                        : book.putPosition(ExchangeRecords.position(c.position()));
                case AccountEvent.MarginInfoUpdated m -> m.base() != null
                        && book.replaceMargin(ExchangeRecords.margin(m.base()));
                case AccountEvent.OrdersSnapshot s -> book.replaceOrders(ExchangeRecords.orders(s.orders()))
                        | s.orders().stream().map(this::trackExit).reduce(false, Boolean::logicalOr);
                case AccountEvent.OrderNew n -> putOrder(n.order()) | trackExit(n.order());
                case AccountEvent.OrderUpdated u -> putOrder(u.order()) | trackExit(u.order());
                case AccountEvent.OrderClosed c -> (c.order().id() != null && book.removeOrder(c.order().id()))
                        | trackExit(c.order());
                default -> false;
            };
            PrivateEvents.of(config.name(), event, System.currentTimeMillis()).ifPresent(publisher::privateEvent);
            if (changed) {
                changed();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Channel-0 event %s not applied; the next reconciliation repairs the account", event.type());
        }
    }

    // An update whose status is no longer open (filled, cancelled) closes the order as oc would.
    private boolean putOrder(io.tradingbot.bitfinex.model.Order order) {
        if (order.id() == null) {
            return false;
        }
        if (!ExchangeRecords.keepable(order)) {
            return book.removeOrder(order.id());
        }
        return order.state().isOpen() ? book.putOrder(ExchangeRecords.order(order)) : book.removeOrder(order.id());
    }

    /** A filled entry starts waiting for its exit; its exit, or the sale that closes its trade, ends the wait. */
    private boolean trackExit(io.tradingbot.bitfinex.model.Order order) {
        boolean settled = FilledEntries.settles(order).map(book::settle).orElse(false);
        return FilledEntries.owingAnExit(order).map(book::putFilledEntry).orElse(false) | settled;
    }

    /** Publishes a snapshot after the debounce window; a change during the window is in that snapshot. */
    private void changed() {
        if (publishPending.compareAndSet(false, true)) {
            publishing.schedule(this::publishNow, config.publishDebounce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The same account again when nothing changed for an interval: readers tell a quiet account from a stopped service. */
    private void publishIfQuiet() {
        if (loaded.get() && System.nanoTime() - lastPublished >= config.snapshotInterval().toNanos()) {
            publishNow();
        }
    }

    private void publishNow() {
        publishPending.set(false); // a change from here on schedules the next snapshot, so the last one is never lost
        try {
            lastPublished = System.nanoTime();
            publisher.snapshot(snapshot());
        } catch (RuntimeException e) {
            LOG.warnf("Snapshot not published (%s); trying again in 1 s", e.getMessage());
            if (publishPending.compareAndSet(false, true)) {
                publishing.schedule(this::publishNow, 1, TimeUnit.SECONDS);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
