package io.tradingbot.order.service;

import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.model.SubmittedOrder;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Side;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.TradeResult;
import io.tradingbot.order.config.OrderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a verdict into exactly one order. The cid comes from the verdict id. Before an order leaves, its SUBMITTED record
 * is acknowledged on {@code orders.events.v1} ({@link OrderJournal}); the exchange is asked for the cid first only when
 * that journal cannot vouch that no order-service ever sent it (a redelivered verdict, one processed again after a
 * restart, one placed over REST and then read from Kafka: all journaled, all found by cid). A fresh verdict costs one
 * round trip. A submit whose answer is lost is looked up by cid — never resent while the exchange cannot say whether it
 * has it. An exchange rejection is a failed result with the exchange's words, not retried. The submit goes over the
 * authenticated WebSocket or REST ({@link OrderEntry}); both answer alike, so none of this depends on the route. A verdict
 * that closes a spot trade sells what is left of it once its exit is off the book ({@link TradeCloser}).
 */
@ApplicationScoped
public class OrderExecutor {
    private static final Logger LOG = Logger.getLogger(OrderExecutor.class);

    private final OrderEntry entry;
    private final CidLookup lookup;
    private final OrderLifecycle lifecycle;
    private final OrderConfig config;
    private final Event<OrderSubmitting> submitting;
    private final OrderJournal journal;
    private final TradeCloser closer;
    private final Map<Long, VerdictLock> locks = new ConcurrentHashMap<>();

    public OrderExecutor(OrderEntry entry, CidLookup lookup, OrderLifecycle lifecycle, OrderConfig config,
            Event<OrderSubmitting> submitting, OrderJournal journal, TradeCloser closer) {
        this.entry = entry;
        this.lookup = lookup;
        this.lifecycle = lifecycle;
        this.config = config;
        this.submitting = submitting;
        this.journal = journal;
        this.closer = closer;
    }

    /** Acts on a verdict; the result says what came of it (the caller publishes it). */
    public TradeResult execute(RiskVerdict verdict) {
        if (!verdict.approved()) {
            return result(verdict, false, "not traded: risk-service rejected the verdict"
                    + (verdict.reasons().isEmpty() ? "" : ": " + String.join("; ", verdict.reasons())), null);
        }
        long cid = VerdictCids.entry(verdict.id());
        // One verdict at a time: the Kafka consumer and POST /orders may hold the same one. The lock goes with its last
        // holder, or there would be one per verdict for the life of the process.
        VerdictLock lock = locks.compute(cid, (k, held) -> (held == null ? new VerdictLock() : held).take());
        try {
            synchronized (lock) {
                return place(verdict, cid);
            }
        } finally {
            locks.computeIfPresent(cid, (k, held) -> held.release() ? null : held);
        }
    }

    /** A verdict's lock and how many threads hold or wait for it (changed only inside the map's compute). */
    private static final class VerdictLock {
        private int holders;

        VerdictLock take() {
            holders++;
            return this;
        }

        /** @return whether no thread holds or waits for it any more */
        boolean release() {
            return --holders == 0;
        }
    }

    /** How many verdicts are being placed at this moment (each holds a lock only while it is). */
    public int verdictsInProgress() {
        return locks.size();
    }

    private TradeResult place(RiskVerdict verdict, long cid) {
        OrderRequest request;
        try {
            request = request(verdict, cid, verdict.amount(), config.entryTimeInForce());
        } catch (IllegalArgumentException e) {
            return result(verdict, false, "not traded: " + e.getMessage(), null);
        }
        Optional<String> lookupReason = journal.lookupReason(cid, verdict.createdAt());
        Optional<String> expired = expired(verdict);
        // An old verdict is only looked up when a journaled submit says its order may exist: a backlog of old verdicts
        // must not become a look-up each against the exchange's rate limits.
        if (expired.isPresent() && !lookupReason.equals(Optional.of(OrderJournal.JOURNALED))) {
            return notPlaced(verdict, expired.get());
        }
        lifecycle.expect(cid, verdict, false);
        List<Order> existing = List.of();
        if (lookupReason.isPresent()) {
            try {
                existing = lookup.find(verdict, cid, lookupReason.get());
            } catch (BitfinexException e) {
                return result(verdict, false, "not traded: the exchange could not be asked whether order cid " + cid
                        + " already exists (" + e.getMessage() + "); nothing was sent", null);
            }
        }
        if (!existing.isEmpty()) {
            Order order = existing.get(0);
            existing.forEach(lifecycle::observe);
            LOG.infof("verdict %s is already order %d (cid %d): not sent again", verdict.id(), order.id(), cid);
            return result(verdict, true, "already placed as order " + order.id() + " (cid " + cid + "); not sent again",
                    lifecycle.toEvent(order).orElse(null));
        }
        if (expired.isPresent()) {
            return notPlaced(verdict, expired.get());
        }
        try {
            journal.writeAhead(new OrderEvent(cid, null, verdict.symbol(), OrderStatus.SUBMITTED,
                    request.type().wireName(), request.amount(), request.amount(), request.price(), null, null,
                    verdict.id(), System.currentTimeMillis()));
        } catch (OrderJournal.NotJournaled e) {
            LOG.errorf("verdict %s: %s; not sent", verdict.id(), e.getMessage());
            return result(verdict, false, "not traded: " + e.getMessage() + "; nothing was sent", null);
        }
        String closing = "";
        if (verdict.closesATrade()) {
            // Journaled first: a close cut short between the cancel and the sale is finished when its verdict comes again.
            TradeCloser.Left left;
            try {
                left = closer.cancelExit(verdict);
            } catch (TradeCloser.NotCancelled | BitfinexException e) {
                LOG.errorf("verdict %s: %s", verdict.id(), e.getMessage());
                return result(verdict, false, e instanceof TradeCloser.NotCancelled ? e.getMessage()
                        : "not traded: the trade's exit could not be cancelled (" + e.getMessage() + "); nothing was sold",
                        null);
            }
            if (left.amount().signum() == 0) {
                lifecycle.rejected(cid, verdict, request.type().wireName(), request.amount(), request.price(), left.why());
                return notPlaced(verdict, "not traded: " + left.why());
            }
            request = request(verdict, cid, left.amount(), Duration.ZERO);
            closing = ", closing the trade " + verdict.closes() + (left.hadExit() ? " (its exit cancelled)"
                    : " (it had no exit on the exchange; its exit is withdrawn)");
        }
        submitting.fire(new OrderSubmitting(cid, verdict.id()));
        try {
            SubmittedOrder submitted = submitOnce(request, verdict);
            Order order = submitted.order();
            submitted.orders().forEach(lifecycle::observe);
            LOG.infof("verdict %s placed: %s %s %s (order %s, cid %d%s)", verdict.id(), request.type().wireName(),
                    verdict.symbol(), request.amount().toPlainString(), order == null ? "?" : order.id(), cid,
                    submitted.recoveredByLookup() ? ", found by cid after a lost answer" : "");
            return result(verdict, true, "order placed: " + request.type().wireName() + " " + request.amount().toPlainString()
                    + " " + verdict.symbol() + (submitted.recoveredByLookup() ? " (answer lost; found by cid " + cid + ")" : "")
                    + closing,
                    order == null ? null : lifecycle.toEvent(order).orElse(null));
        } catch (OutcomeUnknown e) {
            LOG.errorf("verdict %s: %s", verdict.id(), e.getMessage());
            return result(verdict, false, e.getMessage(), null);
        } catch (BitfinexException e) {
            String reason = e.getMessage();
            LOG.warnf("verdict %s refused by the exchange: %s", verdict.id(), reason);
            lifecycle.rejected(cid, verdict, request.type().wireName(), request.amount(), request.price(), reason);
            return result(verdict, false, "rejected by the exchange: " + reason, null);
        }
    }

    private Optional<String> expired(RiskVerdict verdict) {
        Duration age = Duration.between(verdict.createdAt(), Instant.now());
        if (age.compareTo(config.maxVerdictAge()) <= 0) {
            return Optional.empty();
        }
        return Optional.of("not traded: the verdict was made " + age.toSeconds() + " s ago (at " + verdict.createdAt()
                + "), more than the " + config.maxVerdictAge().toSeconds() + " s a verdict stays valid "
                + "(order.max-verdict-age); nothing was sent");
    }

    private static TradeResult notPlaced(RiskVerdict verdict, String why) {
        LOG.warnf("verdict %s: %s", verdict.id(), why);
        return result(verdict, false, why, null);
    }

    private SubmittedOrder submitOnce(OrderRequest request, RiskVerdict verdict) {
        long cid = request.cid();
        long deadline = System.nanoTime() + config.lookupTimeout().toNanos();
        RuntimeException lost;
        try {
            return entry.submit(request);
        } catch (RateLimitException | ServerErrorException | TransportException e) {
            lost = e; // the client looked once and did not find it, or could not look
        }
        int notFound = 0;
        while (true) {
            pause(config.lookupBackoff());
            try {
                List<Order> found = lookup.find(verdict, cid, CidLookup.LOST_ANSWER);
                if (!found.isEmpty()) {
                    LOG.infof("lost submit of cid %d found on the exchange: not sent again", cid);
                    return new SubmittedOrder(cid, found, null, true);
                }
                // Two answers, a backoff apart, that the exchange has no such order: the submit never arrived.
                if (++notFound >= 2) {
                    LOG.warnf("submit of cid %d never reached the exchange (%s); sending it once more with the same cid",
                            cid, lost.getMessage());
                    return entry.submit(request);
                }
            } catch (RateLimitException | ServerErrorException | TransportException e) {
                notFound = 0;
                if (System.nanoTime() > deadline) {
                    throw new OutcomeUnknown("not confirmed: the submit of order cid " + cid + " got no answer ("
                            + lost.getMessage() + ") and the exchange could not be asked for it within "
                            + config.lookupTimeout() + "; it was not resent, and it will be reported if the exchange shows it");
                }
            } catch (BitfinexException e) {
                // The look-up failed for good (e.g. a history that cannot be paged through): the order may exist, so it
                // is neither "rejected" nor sent again.
                throw new OutcomeUnknown("not confirmed: the submit of order cid " + cid + " got no answer ("
                        + lost.getMessage() + ") and looking it up failed (" + e.getMessage()
                        + "); it was not resent, and it will be reported if the exchange shows it");
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknown("interrupted while looking up a lost submit");
        }
    }

    /**
     * The verdict's order for {@code size} (its own amount, or what is left of the trade it closes); one that would rest
     * on the book is cancelled by the exchange {@code timeInForce} from now (none when zero).
     */
    static OrderRequest request(RiskVerdict verdict, long cid, BigDecimal size, Duration timeInForce) {
        OrderType type;
        try {
            type = OrderType.fromWire(verdict.orderType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order type '" + verdict.orderType() + "' is not a Bitfinex order type");
        }
        BigDecimal amount = verdict.side() == Side.BUY ? size : size.negate();
        OrderRequest.Builder builder = OrderRequest.builder(type, verdict.symbol(), amount).cid(cid)
                .meta(verdict.closesATrade() ? ExitPlan.closeMeta(verdict) : ExitPlan.entryMeta(verdict));
        if (!type.isMarket()) {
            if (verdict.price() == null || verdict.price().signum() <= 0) {
                throw new IllegalArgumentException(type.wireName() + " needs a price and the verdict has none");
            }
            builder.price(verdict.price());
        }
        if (type.restsOnBook() && timeInForce.isPositive()) {
            // Bitfinex reads tif to the second: rounded up, so an entry never waits less than it was given.
            builder.tif(Instant.now().plus(timeInForce).plusMillis(999).truncatedTo(ChronoUnit.SECONDS));
        }
        return builder.build();
    }

    private static TradeResult result(RiskVerdict verdict, boolean success, String message, OrderEvent order) {
        SignalType signal = verdict.side() == Side.BUY ? SignalType.BUY : SignalType.SELL;
        return new TradeResult(verdict.id(), verdict.symbol(), signal, success, message, order, Instant.now());
    }

    /** A submit whose fate the exchange could not tell within the look-up time. */
    static final class OutcomeUnknown extends RuntimeException {
        OutcomeUnknown(String message) {
            super(message);
        }
    }
}
