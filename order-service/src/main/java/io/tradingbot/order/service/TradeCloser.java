package io.tradingbot.order.service;

import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.bitfinex.rest.HistoryQuery;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.order.config.OrderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Takes a spot trade's take-profit / stop-loss exit off the book before the trade is sold ({@link RiskVerdict#closes()}):
 * the OCO is cancelled and its legs seen to end, then what the exit still held is what is left to sell, never more than
 * the verdict's amount, and nothing when the exit filled first (the trade closed itself). Selling while the exit rests
 * would sell the trade's coins twice, or the user's. An exit this process has seen is cancelled and followed on the
 * socket ({@link OrderLifecycle}); one it has not (placed before a restart), or whose end the socket does not report in
 * time, over REST. The caller journals the sale before calling this, so that a close interrupted between the cancel
 * and the sale is finished when its verdict comes again, not left without exits.
 *
 * <p>A trade whose entry filled and whose exit never reached the exchange (order-service still trying it again, or
 * refused) is closed too: its exit is withdrawn first, so that no try places it after the sale, and what the entry left
 * after its fee is sold.
 */
@ApplicationScoped
public class TradeCloser {
    private static final Logger LOG = Logger.getLogger(TradeCloser.class);
    private static final Duration FIRST_CHECK = Duration.ofMillis(100);
    private static final int RECENTLY_CLOSED = 250;

    /**
     * What is left of a trade once its exit is off the book, and why when nothing is.
     *
     * @param hadExit false when the trade's exit never reached the exchange and what its entry left is sold
     */
    public record Left(BigDecimal amount, String why, boolean hadExit) {
    }

    private final BitfinexRestClient rest;
    private final BitfinexWebSocketClient socket;
    private final OrderLifecycle lifecycle;
    private final ExitOrders exits;
    private final OrderConfig config;

    public TradeCloser(BitfinexRestClient rest, BitfinexWebSocketClient socket, OrderLifecycle lifecycle,
            ExitOrders exits, OrderConfig config) {
        this.rest = rest;
        this.socket = socket;
        this.lifecycle = lifecycle;
        this.exits = exits;
        this.config = config;
    }

    /**
     * @throws NotCancelled when the exchange has not confirmed the cancel within {@code order.lookup-timeout}
     * @throws io.tradingbot.bitfinex.error.BitfinexException when the exchange cannot be asked
     */
    public Left cancelExit(RiskVerdict verdict) {
        return cancelExit(verdict, false);
    }

    private Left cancelExit(RiskVerdict verdict, boolean exitWithdrawn) {
        long exitCid = VerdictCids.exit(verdict.closes());
        String trade = "the trade " + verdict.closes();
        List<Order> seen = lifecycle.ordersWithCid(exitCid);
        if (!seen.isEmpty()) {
            Optional<List<Order>> ended = cancelSeen(verdict, seen, exitCid, trade);
            if (ended.isPresent()) {
                return left(verdict, ended.get(), trade);
            }
            LOG.warnf("verdict %s: the socket did not report the end of %s's exit within %s; asking the exchange",
                    verdict.id(), trade, config.wsAnswerTimeout());
        }
        long deadline = System.nanoTime() + config.lookupTimeout().toNanos();
        Set<Long> asked = new HashSet<>();
        LocalDate placedOn = LocalDate.now(ZoneOffset.UTC);
        Duration wait = FIRST_CHECK;
        while (true) {
            List<Order> open = rest.activeOrders(verdict.symbol()).stream()
                    .filter(o -> o.cid() != null && o.cid() == exitCid).toList();
            if (open.isEmpty()) {
                break;
            }
            if (open.get(0).mtsCreate() != null) {
                placedOn = Instant.ofEpochMilli(open.get(0).mtsCreate()).atZone(ZoneOffset.UTC).toLocalDate();
            }
            // One leg at a time, each once: Bitfinex cancels an OCO's twin with its leg, so the next read mostly finds
            // none; a twin still there is cancelled on its own, for a leg left on the book would sell the coins again.
            boolean sent = false;
            Optional<Order> next = open.stream().filter(o -> !asked.contains(o.id())).findFirst();
            if (next.isPresent()) {
                Order leg = next.get();
                try {
                    rest.cancelOrder(leg.id());
                    asked.add(leg.id());
                    sent = true;
                    LOG.infof("verdict %s: exit order %d of %s cancelled to close it", verdict.id(), leg.id(), trade);
                } catch (RateLimitException | ServerErrorException | TransportException e) {
                    LOG.warnf("exit order %d not cancelled yet (%s); asked again", leg.id(), e.getMessage());
                } catch (BitfinexException e) {
                    // Gone since it was read (cancelled, or filled): the history below says which.
                    asked.add(leg.id());
                    sent = true;
                    LOG.debugf("exit order %d not cancelled: %s", leg.id(), e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new NotCancelled("not traded: the exchange did not confirm the cancel of " + trade + "'s exit "
                        + "orders " + asked + " within " + config.lookupTimeout() + "; nothing was sold");
            }
            // Read again at once after a cancel (the simulator, and Bitfinex mostly, have done it by then), else back off.
            if (!sent) {
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(config.lookupBackoff()) > 0 ? config.lookupBackoff()
                        : wait.multipliedBy(2);
            }
        }
        List<Order> legs = rest.findByCid(verdict.symbol(), exitCid, placedOn);
        if (legs.isEmpty()) {
            // An exit placed days ago and cancelled moments ago (a close cut short by a crash) is dated out of the
            // look-up's days; it is among the orders the account closed last.
            legs = rest.orderHistory(verdict.symbol(), HistoryQuery.limit(RECENTLY_CLOSED)).stream()
                    .filter(o -> o.cid() != null && o.cid() == exitCid).toList();
        }
        if (legs.isEmpty() && !exitWithdrawn) {
            withdrawExit(verdict);
            // A try in flight may have placed it a moment before: looked for once more, and cancelled if it is there.
            return cancelExit(verdict, true);
        }
        return legs.isEmpty() ? entryLeft(verdict, trade) : left(verdict, legs, trade);
    }

    private void withdrawExit(RiskVerdict verdict) {
        try {
            lifecycle.withdrawExit(verdict.closes(), config.lookupTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCancelled("not traded: interrupted while the exit was being withdrawn; nothing was sold");
        } catch (ExecutionException | TimeoutException e) {
            throw new NotCancelled("not traded: the trade " + verdict.closes() + " has no exit on the exchange, and "
                    + "its exit could not be withdrawn within " + config.lookupTimeout() + " (one may still be placed); "
                    + "nothing was sold");
        }
    }

    /** What a trade whose exit never reached the exchange holds: what its filled entry left after the entry's fee. */
    private Left entryLeft(RiskVerdict verdict, String trade) {
        long entryCid = VerdictCids.entry(verdict.closes());
        Optional<Order> entry = rest.orderHistory(verdict.symbol(), HistoryQuery.limit(RECENTLY_CLOSED)).stream()
                .filter(o -> o.cid() != null && o.cid() == entryCid && o.endedWithFill()).findFirst();
        if (entry.isEmpty()) {
            return new Left(BigDecimal.ZERO, "the exit of " + trade + " is not on the exchange, nor is its filled entry "
                    + "among " + verdict.symbol() + "'s last closed orders; nothing was sold", false);
        }
        BigDecimal left = exits.held(entry.get()).min(verdict.amount());
        LOG.warnf("verdict %s: %s has no exit on the exchange (withdrawn now): selling the %s its entry %d left",
                verdict.id(), trade, left.toPlainString(), entry.get().id());
        return new Left(left, left.signum() == 0 ? "nothing of " + trade + "'s entry is left; nothing was sold" : null,
                false);
    }

    /**
     * The exit's legs as this process saw them on the socket: the first open one cancelled (on the socket while it is
     * authenticated: no signed REST request to queue behind others), then their ends awaited as the socket reports
     * them; empty when they do not end within {@code order.ws-answer-timeout} (then the exchange is asked over REST).
     */
    private Optional<List<Order>> cancelSeen(RiskVerdict verdict, List<Order> seen, long exitCid, String trade) {
        Optional<Order> open = seen.stream().filter(o -> o.state().isOpen()).findFirst();
        if (open.isPresent()) {
            long id = open.get().id();
            try {
                if (socket.isAuthenticated() && !socket.isPaused()) {
                    socket.cancelOrder(id);
                } else {
                    rest.cancelOrder(id);
                }
                LOG.infof("verdict %s: exit order %d of %s cancelled to close it", verdict.id(), id, trade);
            } catch (BitfinexException e) {
                // Not sent, or gone since it was seen: either way what the socket reports next, or REST, says how it ended.
                LOG.debugf("exit order %d not cancelled: %s", id, e.getMessage());
            }
        }
        try {
            return lifecycle.awaitEnded(exitCid, config.wsAnswerTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCancelled("not traded: interrupted while the exit was being cancelled; nothing was sold");
        }
    }

    /** What the exit's ended legs leave to sell. */
    private static Left left(RiskVerdict verdict, List<Order> legs, String trade) {
        for (Order leg : legs) {
            if (leg.state() == Order.State.EXECUTED) {
                return new Left(BigDecimal.ZERO, "the exit of " + trade + " filled first (order " + leg.id() + ", "
                        + leg.status() + "): the trade is closed and nothing was sold", true);
            }
        }
        // A leg partly filled before the cancel left less; the smaller remainder is what the trade still holds.
        BigDecimal held = legs.stream().map(o -> o.amount() == null ? BigDecimal.ZERO : o.amount().abs())
                .reduce(BigDecimal::min).orElse(BigDecimal.ZERO);
        BigDecimal left = held.min(verdict.amount());
        return new Left(left, left.signum() == 0 ? "nothing of " + trade + " was left on its exit; nothing was sold"
                : null, true);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCancelled("not traded: interrupted while the exit was being cancelled; nothing was sold");
        }
    }

    /** The exit is still on the book, or may be: nothing is sold. */
    public static final class NotCancelled extends RuntimeException {
        NotCancelled(String message) {
            super(message);
        }
    }
}
