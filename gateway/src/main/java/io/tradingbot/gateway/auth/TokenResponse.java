package io.tradingbot.gateway.auth;

/** A signed token for the REST API and the WebSocket: {@code Authorization: Bearer <token>} or {@code ?token=}. */
public record TokenResponse(String token, String tokenType, long expiresIn) {
}
