package io.tradingbot.account.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code POST /account/refresh} and the reconciliation re-read over REST. */
public enum RefreshScope {
    WALLETS, POSITIONS, MARGIN, ORDERS, ALL;

    /** @throws IllegalArgumentException naming the accepted values (a 400 for the caller) */
    public static RefreshScope parse(String value) {
        String accepted = Arrays.stream(values()).map(RefreshScope::label).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter 'scope' is required, one of " + accepted);
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("query parameter 'scope' must be one of " + accepted + ", was '" + value
                    + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean includes(RefreshScope part) {
        return this == ALL || this == part;
    }
}
