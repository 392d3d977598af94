package io.tradingbot.simulator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An account: its API keys (each with permissions), wallets, orders, positions and trades. */
public final class Account {
    final String name;
    /** The key the account was created with first, then any added through the admin API. */
    final List<ApiKey> keys = new ArrayList<>();
    final long userId;
    final Map<String, Wallet> wallets = new LinkedHashMap<>();
    final TreeMap<Long, Order> activeOrders = new TreeMap<>();
    final List<Order> closedOrders = new ArrayList<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    final List<AccountTrade> trades = new ArrayList<>();

    Account(String name, long userId) {
        this.name = name;
        this.userId = userId;
    }

    public String name() {
        return name;
    }

    /** The account's first key (the one it was created with). */
    public ApiKey primaryKey() {
        return keys.get(0);
    }

    public String apiKey() {
        return primaryKey().key();
    }

    public String apiSecret() {
        return primaryKey().secret();
    }

    public long userId() {
        return userId;
    }

    /** Balance of a wallet, zero when the account has none (reads never create wallets). */
    java.math.BigDecimal balance(String type, String currency) {
        Wallet w = wallets.get(type + ":" + currency);
        return w == null ? java.math.BigDecimal.ZERO : w.balance;
    }

    /** The wallet, created empty on first use (a trade or a funding). */
    Wallet wallet(String type, String currency) {
        return wallets.computeIfAbsent(type + ":" + currency,
                k -> new Wallet(type, currency, java.math.BigDecimal.ZERO));
    }
}
