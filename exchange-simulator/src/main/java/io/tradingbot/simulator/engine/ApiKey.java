package io.tradingbot.simulator.engine;

import java.util.Set;

/**
 * One API key of an account. Bitfinex lets an account hold several keys, each with its own permissions and its own
 * nonce counter, so two processes can trade one account without racing on nonces.
 */
public final class ApiKey {
    final String key;
    final String secret;
    final Set<String> permissions;
    final Account account;
    long lastRestNonce;
    long lastWsNonce;

    ApiKey(String key, String secret, Set<String> permissions, Account account) {
        this.key = key;
        this.secret = secret;
        this.permissions = Set.copyOf(permissions);
        this.account = account;
    }

    public String key() {
        return key;
    }

    public String secret() {
        return secret;
    }

    public Account account() {
        return account;
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }
}
