package io.tradingbot.account.service;

import io.tradingbot.events.ActiveOrder;
import io.tradingbot.events.FilledEntry;
import io.tradingbot.events.MarginInfo;
import io.tradingbot.events.Position;
import io.tradingbot.events.Wallet;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wallets, positions, margin info, open orders and the bot's filled entries still owed their exit
 * ({@link FilledEntries}), as the exchange last told them, over REST or channel 0. Every change
 * bumps a version, so a REST read that raced with events can tell that it is already older than the state it would
 * replace.
 */
@ApplicationScoped
public class AccountBook {

    private final Map<String, Wallet> wallets = new LinkedHashMap<>();
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private final Map<Long, ActiveOrder> orders = new LinkedHashMap<>();
    private final Map<String, FilledEntry> filledEntries = new LinkedHashMap<>();
    private MarginInfo margin;
    private long version;

    /** What a reader sees at one instant. */
    public record State(List<Wallet> wallets, List<Position> positions, MarginInfo margin, List<ActiveOrder> orders,
            List<FilledEntry> filledEntries, long version) {
    }

    public synchronized State state() {
        return new State(List.copyOf(wallets.values()), List.copyOf(positions.values()), margin,
                List.copyOf(orders.values()), List.copyOf(filledEntries.values()), version);
    }

    public synchronized long version() {
        return version;
    }

    /** @return true when the book changed */
    public synchronized boolean replaceWallets(Collection<Wallet> next) {
        Map<String, Wallet> byKey = new LinkedHashMap<>();
        next.forEach(w -> byKey.put(walletKey(w), w));
        return replace(wallets, byKey);
    }

    public synchronized boolean putWallet(Wallet wallet) {
        Wallet known = wallets.get(walletKey(wallet));
        // channel 0 leaves BALANCE_AVAILABLE null until Bitfinex has calculated it: keep the last known one meanwhile
        Wallet merged = wallet.balanceAvailable() == null && known != null && sameBalance(known, wallet)
                ? new Wallet(wallet.type(), wallet.currency(), wallet.balance(), wallet.unsettledInterest(),
                        known.balanceAvailable())
                : wallet;
        if (merged.equals(known)) {
            return false;
        }
        wallets.put(walletKey(merged), merged);
        version++;
        return true;
    }

    public synchronized boolean replacePositions(Collection<Position> next) {
        Map<String, Position> byKey = new LinkedHashMap<>();
        next.stream().filter(AccountBook::isOpen).forEach(p -> byKey.put(p.symbol(), p));
        return replace(positions, byKey);
    }

    /** A position opened or changed ({@code pn}, {@code pu}); a closed one leaves the book. */
    public synchronized boolean putPosition(Position position) {
        if (!isOpen(position)) {
            return removePosition(position.symbol());
        }
        Position known = positions.put(position.symbol(), position);
        if (position.equals(known)) {
            return false;
        }
        version++;
        return true;
    }

    public synchronized boolean removePosition(String symbol) {
        if (positions.remove(symbol) == null) {
            return false;
        }
        version++;
        return true;
    }

    public synchronized boolean replaceOrders(Collection<ActiveOrder> next) {
        Map<Long, ActiveOrder> byId = new LinkedHashMap<>();
        next.forEach(o -> byId.put(o.id(), o));
        return replace(orders, byId);
    }

    /** An order placed or changed while still open ({@code on}, {@code ou}). */
    public synchronized boolean putOrder(ActiveOrder order) {
        if (order.equals(orders.put(order.id(), order))) {
            return false;
        }
        version++;
        return true;
    }

    /** An order filled or cancelled ({@code oc}, or {@code ou} of a status that is not open). */
    public synchronized boolean removeOrder(long id) {
        if (orders.remove(id) == null) {
            return false;
        }
        version++;
        return true;
    }

    /** An entry that filled and is owed its exit, unless an open order of the book already settles its verdict. */
    public synchronized boolean putFilledEntry(FilledEntry entry) {
        boolean settled = orders.values().stream()
                .anyMatch(o -> ActiveOrder.EXIT.equals(o.role()) && entry.verdictId().equals(o.verdictId()));
        if (settled || entry.equals(filledEntries.get(entry.verdictId()))) {
            return false;
        }
        filledEntries.put(entry.verdictId(), entry);
        version++;
        return true;
    }

    /** The entry of this verdict has its exit, or its trade was sold: it no longer waits. */
    public synchronized boolean settle(String verdictId) {
        if (filledEntries.remove(verdictId) == null) {
            return false;
        }
        version++;
        return true;
    }

    public synchronized boolean replaceFilledEntries(Collection<FilledEntry> next) {
        Map<String, FilledEntry> byVerdict = new LinkedHashMap<>();
        next.forEach(e -> byVerdict.put(e.verdictId(), e));
        return replace(filledEntries, byVerdict);
    }

    public synchronized boolean replaceMargin(MarginInfo next) {
        if (Objects.equals(margin, next)) {
            return false;
        }
        margin = next;
        version++;
        return true;
    }

    /**
     * Replaces a part of the book with what REST returned, unless events changed the book since that read began
     * ({@code readAtVersion}): the events are newer than the read, so the read is not applied.
     *
     * @return false when the read was stale and nothing was replaced
     */
    public synchronized boolean applyIfCurrent(long readAtVersion, Runnable replacement) {
        if (version != readAtVersion) {
            return false;
        }
        replacement.run();
        return true;
    }

    private <K, V> boolean replace(Map<K, V> current, Map<K, V> next) {
        if (current.equals(next)) {
            return false;
        }
        current.clear();
        current.putAll(next);
        version++;
        return true;
    }

    static String walletKey(Wallet w) {
        return w.type() + ":" + w.currency();
    }

    private static boolean sameBalance(Wallet a, Wallet b) {
        return a.balance().compareTo(b.balance()) == 0;
    }

    static boolean isOpen(Position p) {
        return "ACTIVE".equalsIgnoreCase(p.status()) && p.amount().signum() != 0;
    }

    static List<Position> open(Collection<Position> positions) {
        List<Position> out = new ArrayList<>();
        positions.stream().filter(AccountBook::isOpen).forEach(out::add);
        return out;
    }
}
