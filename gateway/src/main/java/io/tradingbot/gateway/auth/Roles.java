package io.tradingbot.gateway.auth;

/** The gateway's roles: a viewer reads, a trader also trades. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String TRADER = "trader";

    private Roles() {
    }
}
