package io.tradingbot.account.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.bitfinex.model.MarginInfoBase;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Symbols;
import io.tradingbot.events.Wallet;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/** Turns the client's decoded arrays into the event records that cross Kafka and the REST API. */
final class ExchangeRecords {
    private ExchangeRecords() {
    }

    static Wallet wallet(io.tradingbot.bitfinex.model.Wallet w) {
        return new Wallet(w.type(), w.currency(), w.balance(), w.unsettledInterest(), w.balanceAvailable());
    }

    static Position position(io.tradingbot.bitfinex.model.Position p) {
        return new Position(p.positionId() == null ? 0 : p.positionId(), p.symbol(), p.status(), p.amount(),
                p.basePrice(), p.pl(), p.plPerc(), p.priceLiq(), p.leverage());
    }

    static MarginInfo margin(MarginInfoBase m) {
        return new MarginInfo(m.userPl(), m.userSwaps(), zeroIfNull(m.marginBalance()), zeroIfNull(m.marginNet()),
                m.marginMin());
    }

    /** The orders that can be kept: with an id, a trading symbol, a type and an amount (a malformed one is skipped). */
    static List<ActiveOrder> orders(Collection<Order> orders) {
        return orders.stream().filter(ExchangeRecords::keepable).map(ExchangeRecords::order).toList();
    }

    static boolean keepable(Order o) {
        return o.id() != null && Symbols.isValid(o.symbol()) && o.type() != null && !o.type().isBlank()
                && o.amount() != null;
    }

    /** An open order, with the role and verdict order-service wrote into its meta (none for orders placed elsewhere). */
    static ActiveOrder order(Order o) {
        JsonNode meta = o.meta();
        return new ActiveOrder(o.id(), o.cid(), o.symbol(), o.type(), o.amount(), o.amountOrig(), o.price(),
                metaText(meta, ActiveOrder.META_ROLE), metaText(meta, ActiveOrder.META_VERDICT_ID));
    }

    static String metaText(JsonNode meta, String field) {
        return meta != null && meta.hasNonNull(field) && meta.get(field).isTextual() ? meta.get(field).asText() : null;
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
