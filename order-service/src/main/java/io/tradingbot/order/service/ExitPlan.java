package io.tradingbot.order.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.RiskVerdict;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The exit an entry order is to get once it fills. It travels in the entry's meta too ({@code verdict_id},
 * {@code role}, {@code take_profit}, {@code stop_loss}), so that an entry placed by an earlier instance of this service
 * still gets its exit when it fills after a restart. {@code since} is the verdict's time, or the entry's creation when only
 * the entry is known: no exit of it can have been sent before.
 */
public record ExitPlan(String verdictId, String symbol, BigDecimal takeProfit, BigDecimal stopLoss, Instant since) {

    // The roles and keys account-service reads from the open orders, by which risk-service counts the bot's spot trades.
    static final String VERDICT_ID = ActiveOrder.META_VERDICT_ID;
    static final String ROLE = ActiveOrder.META_ROLE;
    static final String ENTRY = ActiveOrder.ENTRY;
    static final String EXIT = ActiveOrder.EXIT;
    static final String TAKE_PROFIT = ActiveOrder.META_TAKE_PROFIT;
    static final String STOP_LOSS = ActiveOrder.META_STOP_LOSS;
    static final String CLOSES = ActiveOrder.META_CLOSES;

    /** The plan of a verdict; empty without both a take profit and a stop loss. */
    static Optional<ExitPlan> of(RiskVerdict verdict) {
        if (verdict.takeProfit() == null || verdict.stopLoss() == null || verdict.takeProfit().signum() == 0
                || verdict.stopLoss().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new ExitPlan(verdict.id(), verdict.symbol(), verdict.takeProfit(), verdict.stopLoss(),
                verdict.createdAt()));
    }

    /** The plan an entry order carries in its meta, if it is an entry with both prices. */
    static Optional<ExitPlan> of(Order entry) {
        JsonNode meta = entry.meta();
        if (meta == null || !ENTRY.equals(meta.path(ROLE).asText()) || !meta.hasNonNull(VERDICT_ID)
                || !meta.hasNonNull(TAKE_PROFIT) || !meta.hasNonNull(STOP_LOSS)) {
            return Optional.empty();
        }
        try {
            long created = entry.mtsCreate() != null ? entry.mtsCreate() : System.currentTimeMillis();
            return Optional.of(new ExitPlan(meta.get(VERDICT_ID).asText(), entry.symbol(),
                    new BigDecimal(meta.get(TAKE_PROFIT).asText()), new BigDecimal(meta.get(STOP_LOSS).asText()),
                    Instant.ofEpochMilli(created)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The verdict of the trade this order sold, when it is a close (its meta names the trade in {@code closes}). */
    static Optional<String> closedTrade(Order order) {
        JsonNode meta = order.meta();
        return meta != null && ActiveOrder.CLOSE.equals(meta.path(ROLE).asText()) && meta.hasNonNull(CLOSES)
                ? Optional.of(meta.get(CLOSES).asText()) : Optional.empty();
    }

    /** The UTC day the exit's cid is dated by, give or take the exchange's clock. */
    LocalDate day() {
        return since.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The meta of the sale that closes the trade of verdict {@code verdict.closes()}. */
    static Map<String, Object> closeMeta(RiskVerdict verdict) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(VERDICT_ID, verdict.id());
        meta.put(ROLE, ActiveOrder.CLOSE);
        meta.put(CLOSES, verdict.closes());
        return meta;
    }

    /** The meta of an entry order placed for {@code verdict}. */
    static Map<String, Object> entryMeta(RiskVerdict verdict) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(VERDICT_ID, verdict.id());
        meta.put(ROLE, ENTRY);
        of(verdict).ifPresent(plan -> {
            meta.put(TAKE_PROFIT, plan.takeProfit().toPlainString());
            meta.put(STOP_LOSS, plan.stopLoss().toPlainString());
        });
        return meta;
    }
}
