package io.tradingbot.order.service;

import io.quarkus.runtime.Startup;
import io.tradingbot.bitfinex.error.BitfinexException;
import io.tradingbot.bitfinex.error.MaintenanceException;
import io.tradingbot.bitfinex.error.NonceTooSmallException;
import io.tradingbot.bitfinex.error.RateLimitException;
import io.tradingbot.bitfinex.error.ServerErrorException;
import io.tradingbot.bitfinex.error.TransportException;
import io.tradingbot.bitfinex.model.AccountTrade;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.model.OrderRequest;
import io.tradingbot.bitfinex.model.OrderType;
import io.tradingbot.bitfinex.model.SubmittedOrder;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Symbols;
import io.tradingbot.events.TradeResult;
import io.tradingbot.order.config.OrderConfig;
import io.tradingbot.order.messaging.OrderPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stop loss and take profit as Bitfinex does them: once the entry has filled, one OCO order on the other side — a LIMIT
 * at the take profit whose twin is a stop at the stop loss ({@code price_oco_stop}, flag 16384); whichever triggers first
 * cancels the other. A margin entry gets a reduce-only exit (flag 1024). Reduce-only does not apply to exchange (spot)
 * orders on Bitfinex, so a spot entry gets an EXCHANGE LIMIT OCO of the amount actually received (the buy's fee is
 * charged in the bought currency: the socket's {@code tu} reports say how much, {@link FillFees}, or the buy's trades
 * over REST when they are late). It leaves the way entries do ({@link OrderEntry}: the WebSocket, or REST), and is
 * journaled as they are ({@link OrderJournal}): the exchange is asked whether the exit is already there only when the
 * journal cannot vouch that no order-service sent it; otherwise every exit read all active orders and a day of the
 * symbol's history first, a cost that grew with the account and counted against the exchange's rate limits.
 */
@Startup // created on the main thread: lazily, on the order-lifecycle thread, its config mapping could not be injected
@ApplicationScoped
public class ExitOrders {
    private static final Logger LOG = Logger.getLogger(ExitOrders.class);

    private final BitfinexRestClient rest;
    private final CidLookup lookup;
    private final OrderPublisher publisher;
    private final OrderEntry orderEntry;
    private final OrderJournal journal;
    private final FillFees fillFees;
    private final OrderConfig config;

    public ExitOrders(BitfinexRestClient rest, CidLookup lookup, OrderPublisher publisher, OrderEntry orderEntry,
            OrderJournal journal, FillFees fillFees, OrderConfig config) {
        this.rest = rest;
        this.orderEntry = orderEntry;
        this.lookup = lookup;
        this.publisher = publisher;
        this.journal = journal;
        this.fillFees = fillFees;
        this.config = config;
    }

    /**
     * Places the exit of a filled entry once; returns the exit's orders (both OCO legs) as the exchange knows them, or
     * none when the exchange refused it (the failed trade result says why).
     *
     * @param lastTry whether a failure that another try could mend is final all the same
     * @throws NotPlacedYet when the exit may be placed by trying again: the exchange did not answer (and the exit was not
     *         found by its cid), was busy or in maintenance, or Kafka did not acknowledge its journal record. The next
     *         try finds its cid journaled and looks it up before sending anything.
     */
    public List<Order> place(ExitPlan verdict, Order entry, boolean lastTry) {
        long cid = VerdictCids.exit(verdict.verdictId());
        SignalType signal = entry.amountOrig().signum() > 0 ? SignalType.BUY : SignalType.SELL;
        try {
            Optional<String> lookupReason = journal.lookupReason(cid, verdict.since());
            if (lookupReason.isPresent()) {
                List<Order> existing = lookup.find(CidLookup.Role.EXIT, verdict.symbol(), cid, verdict.day(),
                        lookupReason.get());
                if (!existing.isEmpty()) {
                    LOG.infof("exit of verdict %s is already on the exchange (cid %d): not placed again",
                            verdict.verdictId(), cid);
                    return existing;
                }
            }
            boolean spot = entry.type() != null && entry.type().startsWith("EXCHANGE");
            BigDecimal size = received(entry, spot);
            BigDecimal amount = entry.amountOrig().signum() > 0 ? size.negate() : size;
            OrderRequest.Builder request = OrderRequest.builder(spot ? OrderType.EXCHANGE_LIMIT : OrderType.LIMIT,
                    verdict.symbol(), amount).price(verdict.takeProfit()).oco(verdict.stopLoss()).cid(cid)
                    .meta(Map.of(ExitPlan.VERDICT_ID, verdict.verdictId(), ExitPlan.ROLE, ExitPlan.EXIT));
            if (!spot) {
                request.reduceOnly();
            }
            OrderRequest exit = request.build();
            journal.writeAhead(new OrderEvent(cid, null, verdict.symbol(), OrderStatus.SUBMITTED, exit.type().wireName(),
                    amount, amount, exit.price(), null, null, verdict.verdictId(), System.currentTimeMillis()));
            SubmittedOrder placed = orderEntry.submit(exit);
            LOG.infof("exit of verdict %s placed: %s %s take profit %s, stop loss %s (cid %d)", verdict.verdictId(),
                    spot ? "EXCHANGE LIMIT" : "LIMIT reduce-only", amount.toPlainString(),
                    verdict.takeProfit().toPlainString(), verdict.stopLoss().toPlainString(), cid);
            publisher.result(new TradeResult(verdict.verdictId(), verdict.symbol(), signal, true, "exit placed: "
                    + amount.toPlainString() + " at take profit " + verdict.takeProfit().toPlainString()
                    + " or stop loss " + verdict.stopLoss().toPlainString(), event(placed.order(), cid, verdict),
                    Instant.now())).subscribe().with(ok -> {
                    }, f -> LOG.warnf("exit result of %s not published: %s", verdict.verdictId(), f.getMessage()));
            return placed.orders();
        } catch (BitfinexException | OrderJournal.NotJournaled | IllegalArgumentException e) {
            boolean mendable = mendable(e);
            if (mendable && !lastTry) {
                throw new NotPlacedYet(e);
            }
            LOG.errorf("exit of verdict %s not placed: %s; the trade has no stop loss", verdict.verdictId(),
                    e.getMessage());
            publisher.result(new TradeResult(verdict.verdictId(), verdict.symbol(), signal, false,
                    "exit not placed" + (mendable ? " after every try" : "") + ": " + e.getMessage()
                    + "; the trade has no stop loss or take profit", null, Instant.now())).subscribe().with(ok -> {
                    }, f -> LOG.warnf("exit result of %s not published: %s", verdict.verdictId(), f.getMessage()));
            return List.of();
        }
    }

    private static boolean mendable(RuntimeException e) {
        return e instanceof TransportException || e instanceof ServerErrorException || e instanceof RateLimitException
                || e instanceof MaintenanceException || e instanceof NonceTooSmallException
                || e instanceof OrderJournal.NotJournaled;
    }

    /** The exit was not placed, for a reason that may pass: try again later. */
    public static final class NotPlacedYet extends RuntimeException {
        NotPlacedYet(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** What a filled entry left in the account: what its exit sells, or the close of a trade that has no exit. */
    BigDecimal held(Order entry) {
        return received(entry, entry.type() != null && entry.type().startsWith("EXCHANGE"));
    }

    /** What the entry left in the account: a spot buy pays its fee in the bought currency. */
    private BigDecimal received(Order entry, boolean spot) {
        BigDecimal filled = entry.filledAmount() != null && entry.filledAmount().signum() != 0 ? entry.filledAmount().abs()
                : entry.amountOrig().abs();
        if (!spot || entry.amountOrig().signum() < 0) {
            return filled;
        }
        String base = Symbols.base(entry.symbol());
        BigDecimal fees;
        try {
            fees = fillFees.paid(entry.id(), filled, base, config.exitFeeWait()).orElseGet(() -> tradeFees(entry, base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fees = tradeFees(entry, base);
        }
        return filled.add(fees.min(BigDecimal.ZERO));
    }

    /** The order's fees in {@code currency}, from its trades as the exchange lists them (negative: a charge). */
    private BigDecimal tradeFees(Order entry, String currency) {
        BigDecimal fees = BigDecimal.ZERO;
        for (AccountTrade trade : rest.orderTrades(entry.symbol(), entry.id())) {
            if (trade.fee() != null && currency.equals(trade.feeCurrency())) {
                fees = fees.add(trade.fee());
            }
        }
        return fees;
    }

    private static OrderEvent event(Order order, long cid, ExitPlan verdict) {
        if (order == null || order.amountOrig() == null || order.amountOrig().signum() == 0) {
            return null;
        }
        OrderStatus status = OrderLifecycle.status(order);
        return new OrderEvent(cid, order.id(), verdict.symbol(), status == null ? OrderStatus.ACCEPTED : status, order.type(),
                order.amountOrig(), order.amount(), order.price(), order.priceAvg(), null, verdict.verdictId(),
                System.currentTimeMillis());
    }
}
