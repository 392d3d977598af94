package io.tradingbot.events;

import java.util.List;

/**
 * The account as account-service knows it after a change ({@code account.snapshots.v1}, keyed by account). {@code orders}
 * are the orders still open on the exchange; {@code filledEntries} the bot's entries that filled and whose exit is not
 * on the exchange (a trade open without its stop loss). A snapshot written before either was part of it reads as none.
 */
public record AccountSnapshot(String account, long mts, List<Wallet> wallets, List<Position> positions, MarginInfo margin,
        AccountSummary summary, List<ActiveOrder> orders, List<FilledEntry> filledEntries) {

    public AccountSnapshot {
        Require.text(account, "account");
        wallets = List.copyOf(Require.present(wallets, "wallets"));
        positions = List.copyOf(Require.present(positions, "positions"));
        Require.present(summary, "summary");
        orders = orders == null ? List.of() : List.copyOf(orders);
        filledEntries = filledEntries == null ? List.of() : List.copyOf(filledEntries);
    }

    /** A snapshot with no entry waiting for its exit. */
    public AccountSnapshot(String account, long mts, List<Wallet> wallets, List<Position> positions, MarginInfo margin,
            AccountSummary summary, List<ActiveOrder> orders) {
        this(account, mts, wallets, positions, margin, summary, orders, List.of());
    }

    /** A snapshot with no open orders. */
    public AccountSnapshot(String account, long mts, List<Wallet> wallets, List<Position> positions, MarginInfo margin,
            AccountSummary summary) {
        this(account, mts, wallets, positions, margin, summary, List.of(), List.of());
    }
}
