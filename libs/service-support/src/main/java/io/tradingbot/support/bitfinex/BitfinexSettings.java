package io.tradingbot.support.bitfinex;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where Bitfinex (or the exchange simulator) is and how this process signs, under {@code bitfinex.*}. The key and secret
 * come from the environment ({@code BITFINEX_API_KEY}, {@code BITFINEX_API_SECRET}) or a Kubernetes Secret, never from a
 * file in the repository; each process has a key of its own, because Bitfinex requires nonces to grow per key.
 */
@ConfigMapping(prefix = "bitfinex")
public interface BitfinexSettings {

    /**
     * One base URL for REST ({@code <base>/v2/...}) and the WebSocket ({@code ws(s)://<host>/ws/2}): the local exchange
     * simulator by default. For Bitfinex itself set {@code rest-url}, {@code auth-rest-url} and {@code ws-url}.
     */
    @WithDefault("http://localhost:8090")
    String baseUrl();

    /** Public REST base, overriding {@code base-url} (Bitfinex: {@code https://api-pub.bitfinex.com}). */
    Optional<String> restUrl();

    /** Authenticated REST base, overriding {@code base-url} (Bitfinex: {@code https://api.bitfinex.com}). */
    Optional<String> authRestUrl();

    /** WebSocket URL, overriding {@code base-url} (Bitfinex: {@code wss://api.bitfinex.com/ws/2}). */
    Optional<String> wsUrl();

    /** This process's API key; unset for a public-only client. */
    Optional<String> apiKey();

    /** The key's secret; never logged. */
    Optional<String> apiSecret();

    /** A REST call taking longer than this counts as failed (reads are retried; writes are looked up by cid). */
    @WithDefault("PT15S")
    Duration requestTimeout();

    /** A ping is sent when the socket was quiet this long. */
    @WithDefault("PT10S")
    Duration pingInterval();

    /** A socket silent this long (no data, heartbeat or pong) is considered dead and reopened. */
    @WithDefault("PT30S")
    Duration deadAfter();

    /** First delay before reopening a lost socket; doubled per failed attempt up to {@code reconnect-max}. */
    @WithDefault("PT0.5S")
    Duration reconnectMin();

    @WithDefault("PT30S")
    Duration reconnectMax();

    /** Keep under Bitfinex's documented requests per minute, so a burst never earns an IP ban. */
    @WithDefault("true")
    boolean rateLimited();
}
