package io.tradingbot.order.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.Startup;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.PairInfo;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.order.config.OrderConfig;
import io.tradingbot.order.messaging.OrderPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The normalized lifecycle on {@code orders.events.v1}. Every view of an order — the submit's answer, a look-up by cid,
 * the socket's on/ou/oc, the os snapshot after a reconnect, the history read at resync — goes through {@link #observe},
 * which publishes a step only when it is news: never backwards (an {@code on} arriving after the fill is ignored) and
 * never the same state twice. That is what keeps a socket drop from losing or doubling an event.
 */
@Startup // ready before the socket's first snapshot, not created lazily on the socket's thread
@ApplicationScoped
public class OrderLifecycle {
    private static final Logger LOG = Logger.getLogger(OrderLifecycle.class);
    private static final int REMEMBERED = 10_000;
    /**
     * Closed orders read for entries that filled unseen: newest first, far more than an account closes between a crash
     * and the restart (order-service places nothing while it is down).
     */
    private static final int CLOSED_ORDERS_READ = 500;

    /** What order-service meant an order for. */
    public record Intent(RiskVerdict verdict, boolean exit) {
    }

    private record Published(OrderStatus status, BigDecimal remaining, BigDecimal price, String symbol) {
    }

    // Both bounded: one entry per verdict for the life of the process would fill the heap of a service that runs for
    // weeks. An evicted intent is read back from the order's meta (verdict_id, take profit, stop loss); an exit started
    // again for an evicted verdict is found by its journaled cid and not placed twice.
    private final Map<Long, Intent> intents = Collections.synchronizedMap(lastRemembered());
    private final Set<String> exitsStarted = Collections.newSetFromMap(Collections.synchronizedMap(lastRemembered()));
    // Trades closed without their exit: no try places it after the sale. Written and read on the background thread.
    private final Set<String> exitsWithdrawn = Collections.newSetFromMap(Collections.synchronizedMap(lastRemembered()));
    // Partly filled entries whose remainder is to be cancelled after order.partial-fill-grace (order ids).
    private final Set<Long> remaindersDue = Collections.newSetFromMap(Collections.synchronizedMap(lastRemembered()));
    private final Map<Long, Published> published = lastRemembered();
    // cid → (order id → its latest view), guarded by published: a close cancels a trade's exit legs and sees them end
    // from the socket's reports instead of reading the exchange over REST, one signed request after another.
    private final Map<Long, Map<Long, Order>> byCid = lastRemembered();
    // Exits and resync read the exchange over REST; never on the socket's thread. An exit tried again waits here too.
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "order-lifecycle");
        t.setDaemon(true);
        return t;
    });

    private final OrderPublisher publisher;
    private final ExitOrders exits;
    private final BitfinexRestClient rest;
    private final OrderConfig config;

    public OrderLifecycle(OrderPublisher publisher, ExitOrders exits, BitfinexRestClient rest, OrderConfig config) {
        this.publisher = publisher;
        this.exits = exits;
        this.rest = rest;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** The last {@value #REMEMBERED} entries put, the oldest dropped first. */
    private static <K, V> Map<K, V> lastRemembered() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    public void expect(long cid, RiskVerdict verdict, boolean exit) {
        intents.put(cid, new Intent(verdict, exit));
    }

    public Optional<Intent> intent(long cid) {
        return Optional.ofNullable(intents.get(cid));
    }

    /** The verdict an order was placed for: known by cid, or read back from the order's meta after a restart. */
    public String verdictId(Order order) {
        Intent intent = order.cid() == null ? null : intents.get(order.cid());
        if (intent != null) {
            return intent.verdict().id();
        }
        JsonNode meta = order.meta();
        return meta != null && meta.hasNonNull(ExitPlan.VERDICT_ID) ? meta.get(ExitPlan.VERDICT_ID).asText() : null;
    }

    /** Publishes {@code REJECTED} with the exchange's words for an order that never reached the book. */
    public void rejected(long cid, RiskVerdict verdict, String orderType, BigDecimal amount, BigDecimal price,
            String reason) {
        publisher.order(new OrderEvent(cid, null, verdict.symbol(), OrderStatus.REJECTED, orderType, amount, amount, price,
                null, reason, verdict.id(), System.currentTimeMillis()));
    }

    /** The order's state as an event (for trade results), whether or not it is news. */
    public Optional<OrderEvent> toEvent(Order order) {
        OrderStatus status = status(order);
        if (status == null || order.amountOrig() == null || order.amountOrig().signum() == 0 || order.symbol() == null
                || order.type() == null) {
            return Optional.empty();
        }
        String reason = status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED ? order.status() : null;
        long mts = order.mtsUpdate() != null ? order.mtsUpdate() : System.currentTimeMillis();
        return Optional.of(new OrderEvent(order.cid() == null ? 0 : order.cid(), order.id(), order.symbol(), status,
                order.type(), order.amountOrig(), order.amount(), order.price(), order.priceAvg(), reason,
                verdictId(order), mts));
    }

    /**
     * Publishes the order's state if it is news; places the exit once an entry is over with some of it filled: filled,
     * or cancelled after a partial fill (a market buy that emptied the book), whose coins need their stop loss as much.
     * An entry resting partly filled has its remainder cancelled after {@code order.partial-fill-grace}, so that what
     * filled does not wait for its stop loss until the entry's time in force runs out.
     */
    public void observe(Order order) {
        Optional<OrderEvent> event = toEvent(order);
        if (event.isEmpty() || order.id() == null) {
            return;
        }
        OrderEvent e = event.get();
        synchronized (published) {
            Published last = published.get(order.id());
            if (last != null && (last.status().isFinal() || rank(e.status()) < rank(last.status())
                    || last.status() == e.status() && same(last.remaining(), e.amountRemaining())
                    && same(last.price(), e.price()))) {
                return;
            }
            published.put(order.id(), new Published(e.status(), e.amountRemaining(), e.price(), e.symbol()));
            if (order.cid() != null) {
                byCid.computeIfAbsent(order.cid(), k -> new LinkedHashMap<>()).put(order.id(), order);
                published.notifyAll();
            }
            // Sent under the lock (an enqueue, not a wait): verdicts of several symbols are placed at once and the
            // socket reports too, so two views of one order must reach the topic in the order they were judged.
            publisher.order(e);
        }
        LOG.debugf("order %s (cid %s) %s", order.id(), (Object) e.cid(), e.status());
        if (order.endedWithFill() && config.exitOrders()) {
            exitPlan(order).filter(p -> exitsStarted.add(p.verdictId()))
                    .ifPresent(p -> background.execute(() -> placeExit(p, order, 1)));
        } else if (e.status() == OrderStatus.PARTIALLY_FILLED && order.state().isOpen() && config.exitOrders()) {
            exitPlan(order).filter(p -> remaindersDue.add(order.id())).ifPresent(p -> background.schedule(
                    () -> cancelRemainder(order, p), config.partialFillGrace().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** The exit an entry is to get: known from this process's verdict, or (placed before a restart) from its meta. */
    private Optional<ExitPlan> exitPlan(Order order) {
        Intent intent = order.cid() == null ? null : intents.get(order.cid());
        return intent != null ? (intent.exit() ? Optional.empty() : ExitPlan.of(intent.verdict())) : ExitPlan.of(order);
    }

    /**
     * A partly filled entry's grace is over: its remainder is cancelled, and the cancel reported on the socket places the
     * exit of what filled ({@link #observe}). Not when what it holds is below the pair's minimum order size: an exit of
     * it would be refused, so the entry rests on and its next fill starts the grace again.
     */
    private void cancelRemainder(Order seen, ExitPlan plan) {
        Order entry = ordersWithCid(seen.cid() == null ? 0 : seen.cid()).stream()
                .filter(o -> o.id().equals(seen.id())).findFirst().orElse(seen);
        if (!entry.state().isOpen()) {
            return; // ended since: filled (its exit is placed) or cancelled
        }
        try {
            BigDecimal held = exits.held(entry);
            BigDecimal minimum = rest.pairInfo().stream().filter(p -> entry.symbol().equals(p.symbol())).findFirst()
                    .map(PairInfo::minOrderSize).orElse(null);
            if (minimum != null && held.compareTo(minimum) < 0) {
                LOG.infof("entry %d of verdict %s rests partly filled: the %s it holds is below %s's minimum order size "
                        + "%s, too little for an exit; it waits for more fills", entry.id(), plan.verdictId(),
                        held.toPlainString(), entry.symbol(), minimum.toPlainString());
                remaindersDue.remove(entry.id());
                return;
            }
            rest.cancelOrder(entry.id());
            LOG.infof("entry %d of verdict %s rested partly filled for %s (%s of %s): its remainder is cancelled and the %s "
                    + "it holds gets its exit", entry.id(), plan.verdictId(), config.partialFillGrace(),
                    entry.filledAmount().abs().toPlainString(), entry.amountOrig().abs().toPlainString(),
                    held.toPlainString());
        } catch (RateLimitException | ServerErrorException | TransportException e) {
            LOG.warnf("entry %d of verdict %s: its remainder not cancelled yet (%s); asked again in %s", entry.id(),
                    plan.verdictId(), e.getMessage(), config.lookupBackoff());
            background.schedule(() -> cancelRemainder(seen, plan), config.lookupBackoff().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (BitfinexException e) {
            // Gone since it was seen (filled or cancelled): the socket, or the next resync, reports how it ended.
            LOG.debugf("entry %d: remainder not cancelled: %s", entry.id(), e.getMessage());
        } catch (RuntimeException e) {
            // Not swallowed by the executor: what filled has no stop loss while the entry rests.
            LOG.errorf(e, "entry %d of verdict %s: its remainder not cancelled", entry.id(), plan.verdictId());
        }
    }

    /** The latest views of the orders with this cid that this process has seen (both legs of an OCO); may be none. */
    public List<Order> ordersWithCid(long cid) {
        synchronized (published) {
            Map<Long, Order> orders = byCid.get(cid);
            return orders == null ? List.of() : List.copyOf(orders.values());
        }
    }

    /**
     * Waits until every order seen with this cid has ended (filled, cancelled, rejected).
     *
     * @return their final views, or empty when one is still open after {@code timeout}
     */
    public Optional<List<Order>> awaitEnded(long cid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (published) {
            while (true) {
                Map<Long, Order> orders = byCid.get(cid);
                List<Order> views = orders == null ? List.of() : List.copyOf(orders.values());
                if (views.stream().noneMatch(o -> o.state().isOpen() || o.state() == Order.State.UNKNOWN)) {
                    return Optional.of(views);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(published, left);
            }
        }
    }

    /**
     * No exit is placed for this verdict from now on: its trade is being closed without one. Runs on the thread that
     * places exits, so once it returns no try is in flight either, and none will be made.
     *
     * @throws TimeoutException when that thread stays busy for longer than {@code timeout}; the exit is not withdrawn
     */
    public void withdrawExit(String verdictId, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Future<?> withdrawal = background.submit(() -> {
            exitsWithdrawn.add(verdictId);
            exitsStarted.add(verdictId);
        });
        try {
            withdrawal.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Withdrawn later, with its close given up, the trade would never get its exit.
            if (withdrawal.cancel(false)) {
                throw e;
            }
            withdrawal.get();
        }
    }

    private void placeExit(ExitPlan plan, Order entry, int attempt) {
        if (exitsWithdrawn.contains(plan.verdictId())) {
            LOG.infof("exit of verdict %s not placed: its trade is closed without it", plan.verdictId());
            return;
        }
        OrderConfig.ExitRetry retry = config.exitRetry();
        try {
            exits.place(plan, entry, attempt >= retry.attempts()).forEach(this::observe);
        } catch (ExitOrders.NotPlacedYet e) {
            // A filled entry without its exit has no stop loss: a lost answer or a busy exchange is not the end of it.
            Duration delay = retry.firstDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
            delay = delay.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : delay;
            LOG.warnf("exit of verdict %s not placed yet (%s): try %d of %d in %s", plan.verdictId(), e.getMessage(),
                    attempt + 1, retry.attempts(), delay);
            background.schedule(() -> placeExit(plan, entry, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // Not swallowed by the executor: a filled entry without its exit has no stop loss.
            LOG.errorf(e, "exit of verdict %s not placed", plan.verdictId());
        }
    }

    /**
     * After a (re-)authentication: the snapshot's orders are observed, and every order last seen open but absent from
     * the snapshot closed while the socket was down; its final state is read from the order history. Then the bot's
     * entries that filled unseen get their exits ({@link #placeMissingExits}).
     */
    public void resync(List<Order> snapshot) {
        if (config.exitOrders()) {
            background.execute(() -> {
                try {
                    placeMissingExits(snapshot);
                } catch (BitfinexException e) {
                    LOG.warnf("resync: closed orders unreadable (%s); entries that filled unseen get their exits at the "
                            + "next resync", e.getMessage());
                }
            });
        }
        snapshot.forEach(this::observe);
        Set<Long> active = new HashSet<>();
        snapshot.forEach(o -> active.add(o.id()));
        Map<Long, String> missing = new LinkedHashMap<>();
        synchronized (published) {
            published.forEach((id, p) -> {
                if (!p.status().isFinal() && !active.contains(id)) {
                    missing.put(id, p.symbol());
                }
            });
        }
        if (!missing.isEmpty()) {
            background.submit(() -> closeMissing(missing));
        }
    }

    /**
     * Finds the bot's entries that filled while no order-service watched them (after a crash between the fill and its
     * exit, or an entry placed before a restart that filled before the new socket was up): a filled entry carrying its
     * exit plan, filled (or cancelled after a partial fill) within {@code order.exit-check-window}, whose exit is neither
     * open ({@code open}) nor among the account's last closed orders. Each gets its exit now, as if its fill had just
     * been seen (placed once: the exit's cid is looked up first whenever the journal cannot vouch for it). An exit that
     * was cancelled or filled is in the history and is not placed again: the trade was closed; so is a trade sold without
     * its exit (a close naming it).
     *
     * @return the verdict ids of the trades whose exits were started
     */
    public List<String> placeMissingExits(List<Order> open) {
        List<Order> closed = rest.orderHistory(null, HistoryQuery.limit(CLOSED_ORDERS_READ));
        Set<Long> cids = new HashSet<>();
        open.forEach(o -> cids.add(o.cid()));
        closed.forEach(o -> cids.add(o.cid()));
        Set<String> sold = new HashSet<>();
        closed.forEach(o -> ExitPlan.closedTrade(o).ifPresent(sold::add));
        long since = System.currentTimeMillis() - config.exitCheckWindow().toMillis();
        List<String> started = new ArrayList<>();
        for (Order order : closed) {
            if (!order.endedWithFill() || order.mtsUpdate() == null || order.mtsUpdate() < since) {
                continue;
            }
            Optional<ExitPlan> plan = ExitPlan.of(order).filter(p -> !cids.contains(VerdictCids.exit(p.verdictId()))
                    && !sold.contains(p.verdictId()));
            if (plan.isPresent() && !exitsStarted.contains(plan.get().verdictId())) {
                observe(order);
                if (exitsStarted.contains(plan.get().verdictId())) {
                    LOG.warnf("entry %d of verdict %s filled unseen and had no exit: placing it now", order.id(),
                            plan.get().verdictId());
                    started.add(plan.get().verdictId());
                }
            }
        }
        return started;
    }

    private void closeMissing(Map<Long, String> missing) {
        for (String symbol : new HashSet<>(missing.values())) {
            try {
                List<Order> history = rest.orderHistory(symbol, HistoryQuery.limit(250));
                history.stream().filter(o -> missing.containsKey(o.id())).forEach(this::observe);
            } catch (BitfinexException e) {
                LOG.warnf("resync: order history of %s unreadable (%s); its closed orders are reported at the next "
                        + "resync", symbol, e.getMessage());
            }
        }
    }

    /** Bitfinex's status words as the normalized lifecycle; null for a state that says nothing new. */
    static OrderStatus status(Order order) {
        return switch (order.state()) {
            case ACTIVE -> OrderStatus.ACCEPTED;
            case PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
            case EXECUTED -> OrderStatus.FILLED;
            case CANCELED, POSTONLY_CANCELED, IOC_CANCELED, FILLORKILL_CANCELED -> OrderStatus.CANCELLED;
            case INSUFFICIENT_MARGIN, INSUFFICIENT_BALANCE, RSN_DUST, RSN_PAUSE -> OrderStatus.REJECTED;
            case UNKNOWN -> null;
        };
    }

    private static int rank(OrderStatus status) {
        return switch (status) {
            case SUBMITTED -> 0;
            case ACCEPTED -> 1;
            case PARTIALLY_FILLED -> 2;
            case FILLED, CANCELLED, REJECTED -> 3;
        };
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || a != null && b != null && a.compareTo(b) == 0;
    }
}
