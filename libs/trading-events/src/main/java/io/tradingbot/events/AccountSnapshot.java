package io.tradingbot.events;

import java.util.List;

/** The account as account-service knows it after a change ({@code account.snapshots.v1}, keyed by account). */
public record AccountSnapshot(String account, long mts, List<Wallet> wallets, List<Position> positions, MarginInfo margin,
        AccountSummary summary) {

    public AccountSnapshot {
        Require.text(account, "account");
        wallets = List.copyOf(Require.present(wallets, "wallets"));
        positions = List.copyOf(Require.present(positions, "positions"));
        Require.present(summary, "summary");
    }
}
