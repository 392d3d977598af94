package io.tradingbot.order.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.bitfinex.rest.BitfinexRestClient;
import io.tradingbot.events.RiskVerdict;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a verdict's order on the exchange by cid: active orders, then the history within a day of today and of the day
 * the verdict was made (a cid is unique per UTC day on Bitfinex, a redelivery may come after midnight, and the
 * exchange's midnight is not exactly ours). Each look-up is counted by order (entry or exit) and by why it was needed.
 */
@ApplicationScoped
public class CidLookup {
    /** The look-up reason of a submit whose answer was lost (the others are the journal's). */
    public static final String LOST_ANSWER = "lost_answer";
    private static final List<String> REASONS = List.of(OrderJournal.NOT_RESTORED, OrderJournal.JOURNALED,
            OrderJournal.OLDER_THAN_JOURNAL, LOST_ANSWER);

    /** Which of a verdict's orders is looked up. */
    public enum Role {
        ENTRY, EXIT
    }

    private final BitfinexRestClient rest;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CidLookup(BitfinexRestClient rest, MeterRegistry metrics) {
        this.rest = rest;
        this.metrics = metrics;
        // Registered at 0, so that operators (and tests) see a reason before it first happens.
        for (Role role : Role.values()) {
            REASONS.forEach(reason -> counter(role, reason));
        }
    }

    private Counter counter(Role role, String reason) {
        return counters.computeIfAbsent(role + "/" + reason, k -> Counter.builder("tradingbot.order.cid.lookups")
                .description("Look-ups of an order's cid on the exchange before or after its submit, by order and why")
                .tag("order", role.name().toLowerCase()).tag("reason", reason).register(metrics));
    }

    /**
     * The orders of a verdict's entry cid.
     *
     * @throws io.tradingbot.bitfinex.error.BitfinexException when the exchange cannot be asked
     */
    public List<Order> find(RiskVerdict verdict, long cid, String reason) {
        return find(Role.ENTRY, verdict.symbol(), cid, verdict.createdAt().atZone(ZoneOffset.UTC).toLocalDate(), reason);
    }

    /** Orders with this cid placed within a day of today or of {@code day} (UTC). */
    public List<Order> find(Role role, String symbol, long cid, LocalDate day, String reason) {
        counter(role, reason).increment();
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
