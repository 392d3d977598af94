package io.tradingbot.account.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingbot.bitfinex.model.Order;
import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.Symbols;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's spot entries that filled and whose exit is not on the exchange. order-service writes the exit an entry is
 * owed into its meta ({@code role: entry}, {@code take_profit}, {@code stop_loss}); the exit names the same verdict
 * ({@code verdict_id}), the market sale that closes the trade names it in {@code closes}. An entry is owed its exit from
 * its fill until either order shows; one cancelled after a partial fill (a market buy that emptied the book) is owed an
 * exit of what filled. Margin entries are left out: their trade is a position, which the exchange keeps.
 */
final class FilledEntries {
    private FilledEntries() {
    }

    /** The entry, when this order is a spot entry of the bot that filled and is owed an exit. */
    static Optional<FilledEntry> owingAnExit(Order order) {
        JsonNode meta = order.meta();
        String verdict = meta == null ? null : ExchangeRecords.metaText(meta, ActiveOrder.META_VERDICT_ID);
        if (order.id() == null || !order.endedWithFill() || !Symbols.isValid(order.symbol())
                || order.type() == null || !order.type().startsWith("EXCHANGE") || verdict == null
                || !ActiveOrder.ENTRY.equals(ExchangeRecords.metaText(meta, ActiveOrder.META_ROLE))
                || !meta.hasNonNull(ActiveOrder.META_TAKE_PROFIT) || !meta.hasNonNull(ActiveOrder.META_STOP_LOSS)) {
            return Optional.empty();
        }
        long filledAt = order.mtsUpdate() != null ? order.mtsUpdate() : System.currentTimeMillis();
        return Optional.of(new FilledEntry(order.id(), order.symbol(), verdict, order.filledAmount(), order.priceAvg(),
                filledAt));
    }

    /** The verdict whose entry no longer waits once this order exists: an exit's own, the trade a close sells. */
    static Optional<String> settles(Order order) {
        JsonNode meta = order.meta();
        if (meta == null) {
            return Optional.empty();
        }
        String role = ExchangeRecords.metaText(meta, ActiveOrder.META_ROLE);
        String verdict = ActiveOrder.EXIT.equals(role) ? ExchangeRecords.metaText(meta, ActiveOrder.META_VERDICT_ID)
                : ActiveOrder.CLOSE.equals(role) ? ExchangeRecords.metaText(meta, ActiveOrder.META_CLOSES) : null;
        return Optional.ofNullable(verdict);
    }

    /**
     * The entries still owed their exit, from the open orders and the account's last closed ones: each filled entry of
     * {@code closed} that filled at or after {@code since} and whose verdict no open or closed exit or close settles.
     */
    static List<FilledEntry> fromHistory(Collection<ActiveOrder> open, Collection<Order> closed, long since) {
        Set<String> settled = new HashSet<>();
        open.stream().filter(o -> ActiveOrder.EXIT.equals(o.role()) && o.verdictId() != null)
                .forEach(o -> settled.add(o.verdictId()));
        closed.forEach(o -> settles(o).ifPresent(settled::add));
        return closed.stream().map(FilledEntries::owingAnExit).flatMap(Optional::stream)
                .filter(e -> e.mts() >= since && !settled.contains(e.verdictId())).toList();
    }
}
