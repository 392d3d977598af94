package io.tradingbot.simulator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An account: API credentials with permissions, wallets, orders, positions and trades. */
public final class Account {
    final String name;
    final String apiKey;
    final String apiSecret;
    final Set<String> permissions;
    final long userId;
    final Map<String, Wallet> wallets = new LinkedHashMap<>();
    final TreeMap<Long, Order> activeOrders = new TreeMap<>();
    final List<Order> closedOrders = new ArrayList<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    final List<AccountTrade> trades = new ArrayList<>();
    long lastRestNonce;
    long lastWsNonce;

    Account(String name, String apiKey, String apiSecret, Set<String> permissions, long userId) {
        this.name = name;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.permissions = Set.copyOf(permissions);
        this.userId = userId;
    }

    public String name() {
        return name;
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
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
