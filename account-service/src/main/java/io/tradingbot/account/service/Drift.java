package io.tradingbot.account.service;

import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the event-built book got wrong compared with a REST read, in words. Only what the account holds counts as drift
 * (balances, which positions are open, their amounts and base prices, the margin balance, which orders are open and
 * what remains of them); figures the exchange recalculates as prices move (P/L, liquidation price, leverage) are
 * refreshed without being called drift.
 */
final class Drift {
    private Drift() {
    }

    static List<String> wallets(List<Wallet> book, List<Wallet> exchange) {
        List<String> out = new ArrayList<>();
        Map<String, Wallet> known = index(book, AccountBook::walletKey);
        Map<String, Wallet> actual = index(exchange, AccountBook::walletKey);
        for (String key : union(known.keySet(), actual.keySet())) {
            BigDecimal was = known.containsKey(key) ? known.get(key).balance() : null;
            BigDecimal is = actual.containsKey(key) ? actual.get(key).balance() : null;
            if (!same(was, is)) {
                out.add("wallet " + key + " balance " + text(was) + " -> " + text(is));
            }
        }
        return out;
    }

    static List<String> positions(List<Position> book, List<Position> exchange) {
        List<String> out = new ArrayList<>();
        Map<String, Position> known = index(book, Position::symbol);
        Map<String, Position> actual = index(exchange, Position::symbol);
        for (String symbol : union(known.keySet(), actual.keySet())) {
            Position was = known.get(symbol);
            Position is = actual.get(symbol);
            if (was == null) {
                out.add("position " + symbol + " open on the exchange (" + is.amount().toPlainString() + " @ "
                        + is.basePrice().toPlainString() + ") but not in the book");
            } else if (is == null) {
                out.add("position " + symbol + " closed on the exchange but open in the book");
            } else if (!same(was.amount(), is.amount()) || !same(was.basePrice(), is.basePrice())) {
                out.add("position " + symbol + " " + was.amount().toPlainString() + " @ " + was.basePrice().toPlainString()
                        + " -> " + is.amount().toPlainString() + " @ " + is.basePrice().toPlainString());
            }
        }
        return out;
    }

    static List<String> margin(MarginInfo book, MarginInfo exchange) {
        BigDecimal was = book == null ? null : book.marginBalance();
        BigDecimal is = exchange == null ? null : exchange.marginBalance();
        return same(was, is) ? List.of() : List.of("margin balance " + text(was) + " -> " + text(is));
    }

    /** Which orders are open, and how much of each remains. */
    static List<String> orders(List<ActiveOrder> book, List<ActiveOrder> exchange) {
        List<String> out = new ArrayList<>();
        Map<String, ActiveOrder> known = index(book, o -> Long.toString(o.id()));
        Map<String, ActiveOrder> actual = index(exchange, o -> Long.toString(o.id()));
        for (String id : union(known.keySet(), actual.keySet())) {
            ActiveOrder was = known.get(id);
            ActiveOrder is = actual.get(id);
            if (was == null) {
                out.add("order " + id + " (" + is.symbol() + ") open on the exchange but not in the book");
            } else if (is == null) {
                out.add("order " + id + " (" + was.symbol() + ") closed on the exchange but open in the book");
            } else if (!same(was.amount(), is.amount())) {
                out.add("order " + id + " remaining " + was.amount().toPlainString() + " -> " + is.amount().toPlainString());
            }
        }
        return out;
    }

    /** Which of the bot's filled entries are still owed their exit. */
    static List<String> filledEntries(List<FilledEntry> book, List<FilledEntry> exchange) {
        List<String> out = new ArrayList<>();
        Map<String, FilledEntry> known = index(book, FilledEntry::verdictId);
        Map<String, FilledEntry> actual = index(exchange, FilledEntry::verdictId);
        for (String verdict : union(known.keySet(), actual.keySet())) {
            FilledEntry is = actual.get(verdict);
            if (!known.containsKey(verdict)) {
                out.add("entry " + is.id() + " (" + is.symbol() + ") of " + verdict + " filled without its exit");
            } else if (is == null) {
                out.add("entry " + known.get(verdict).id() + " of " + verdict + " has its exit or was sold");
            }
        }
        return out;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(key.apply(i), i));
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || a != null && b != null && a.compareTo(b) == 0;
    }

    private static String text(BigDecimal value) {
        return value == null ? "none" : value.toPlainString();
    }
}
