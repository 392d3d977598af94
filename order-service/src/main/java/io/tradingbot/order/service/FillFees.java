package io.tradingbot.order.service;

import io.tradingbot.bitfinex.model.AccountTrade;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fees of the account's fills as the socket's {@code tu} reports them, by order id. A spot buy's exit sells what
 * the buy left after its fee, which is charged in the bought currency; the socket reports that fee a moment after the
 * fill, so the exit need not read the order's trades over REST, against the exchange's rate limits. An order whose
 * fills are not all reported in time is read over REST by the caller.
 */
@ApplicationScoped
public class FillFees {
    private static final int REMEMBERED = 10_000;

    private record Fill(Long tradeId, BigDecimal execAmount, BigDecimal fee, String feeCurrency) {
    }

    private final Map<Long, List<Fill>> byOrder = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Fill>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A {@code tu}: a fill with its fee (a {@code te} has none yet and is not taken). */
    public void reported(AccountTrade trade) {
        if (trade.orderId() == null || trade.execAmount() == null || trade.fee() == null || trade.feeCurrency() == null) {
            return;
        }
        synchronized (byOrder) {
            List<Fill> fills = byOrder.computeIfAbsent(trade.orderId(), id -> new ArrayList<>());
            if (trade.id() == null || fills.stream().noneMatch(f -> trade.id().equals(f.tradeId()))) {
                fills.add(new Fill(trade.id(), trade.execAmount(), trade.fee(), trade.feeCurrency()));
            }
            byOrder.notifyAll();
        }
    }

    /**
     * The fees in {@code currency} of the order's fills (negative: a charge), once fills of {@code filled} in all have
     * been reported; empty when they are not within {@code wait}.
     */
    public Optional<BigDecimal> paid(long orderId, BigDecimal filled, String currency, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (byOrder) {
            while (true) {
                List<Fill> fills = byOrder.getOrDefault(orderId, List.of());
                BigDecimal reported = fills.stream().map(f -> f.execAmount().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (reported.compareTo(filled.abs()) >= 0) {
                    return Optional.of(fills.stream().filter(f -> currency.equals(f.feeCurrency())).map(Fill::fee)
                            .reduce(BigDecimal.ZERO, BigDecimal::add));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(byOrder, left);
            }
        }
    }
}
