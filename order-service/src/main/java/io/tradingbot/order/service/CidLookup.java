package io.tradingbot.order.service;

import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.events.RiskVerdict;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a verdict's order on the exchange by cid: active orders, then the history of today, of the day the verdict was
 * made and of yesterday (a cid is unique per UTC day on Bitfinex, a redelivery may come after midnight, and the
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

    /** Orders with this cid placed today, on {@code day} or yesterday (UTC). */
    public List<Order> find(String symbol, long cid, LocalDate day) {
        Set<LocalDate> days = new LinkedHashSet<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        days.add(today);
        days.add(day);
        // The exchange dates an order by its own clock: one placed in the last moments before midnight there is
        // yesterday's while it is already today here (CI met it with the simulator's clock frozen before midnight, and
        // placed a verdict twice).
        days.add(today.minusDays(1));
        for (LocalDate d : days) {
            List<Order> found = rest.findByCid(symbol, cid, d);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }
}
