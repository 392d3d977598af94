package io.tradingbot.order.service;

import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.events.RiskVerdict;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Finds a verdict's order on the exchange by cid: active orders, then the history within a day of today and of the day
 * the verdict was made (a cid is unique per UTC day on Bitfinex, a redelivery may come after midnight, and the
 * exchange's midnight is not exactly ours).
 */
@ApplicationScoped
public class CidLookup {
    private final BitfinexRestClient rest;

    public CidLookup(BitfinexRestClient rest) {
        this.rest = rest;
    }

    /** @throws io.tradingbot.bitfinex.error.BitfinexException when the exchange cannot be asked */
    public List<Order> find(RiskVerdict verdict, long cid) {
        return find(verdict.symbol(), cid, verdict.createdAt().atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** Orders with this cid placed within a day of today or of {@code day} (UTC). */
    public List<Order> find(String symbol, long cid, LocalDate day) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // One look covers yesterday, today and tomorrow: the exchange dates an order by its own clock, which CI met both
        // behind ours (the simulator's clock frozen before midnight) and ahead of it, and either time a verdict was
        // placed twice.
        List<Order> found = rest.findByCid(symbol, cid, today);
        if (found.isEmpty() && Math.abs(ChronoUnit.DAYS.between(day, today)) > 1) {
            found = rest.findByCid(symbol, cid, day);
        }
        return found;
    }
}
