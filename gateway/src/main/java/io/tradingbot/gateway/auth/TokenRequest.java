package io.tradingbot.gateway.auth;

/** The body of {@code POST /api/v2/auth/ws-token}. */
public record TokenRequest(String username, String password) {
}
