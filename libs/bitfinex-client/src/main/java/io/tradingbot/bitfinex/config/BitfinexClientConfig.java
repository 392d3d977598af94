package io.tradingbot.bitfinex.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the client needs, built with {@link #builder()}. Without an API key/secret the client is public-only.
 * The secret never appears in {@link #toString()}.
 *
 * @param publicRestUrl   base of public REST calls; default {@code https://api-pub.bitfinex.com}
 * @param authRestUrl     base of authenticated REST calls; default {@code https://api.bitfinex.com}
 * @param webSocketUrl    WebSocket v2 URL; default {@code wss://api.bitfinex.com/ws/2} (public channels work there too)
 * @param apiKey          API key, or null for a public-only client
 * @param apiSecret       API secret, or null
 * @param connectTimeout  TCP/TLS connect timeout; default 10 s
 * @param requestTimeout  time a REST call may take before it counts as timed out; default 15 s
 * @param readRetries     how many times a read is retried after 429/5xx/timeout; default 4
 * @param retryBackoff    first wait before retrying a read, doubled each time (with jitter); default 500 ms
 * @param pingInterval    a ping is sent when the socket was quiet this long; default 10 s
 * @param deadAfter       a socket with no traffic for this long is considered dead and reconnected; default 30 s
 * @param reconnectMin    first reconnect delay (doubled per failed attempt, with jitter); default 500 ms
 * @param reconnectMax    longest reconnect delay; default 30 s
 * @param rateLimited     whether the client-side per-endpoint rate limiter is on; default true
 */
public record BitfinexClientConfig(URI publicRestUrl, URI authRestUrl, URI webSocketUrl, String apiKey, String apiSecret,
                                   Duration connectTimeout, Duration requestTimeout, int readRetries,
                                   Duration retryBackoff, Duration pingInterval, Duration deadAfter,
                                   Duration reconnectMin, Duration reconnectMax, boolean rateLimited) {

    public static final URI DEFAULT_PUBLIC_REST_URL = URI.create("https://api-pub.bitfinex.com");
    public static final URI DEFAULT_AUTH_REST_URL = URI.create("https://api.bitfinex.com");
    public static final URI DEFAULT_WEBSOCKET_URL = URI.create("wss://api.bitfinex.com/ws/2");

    public BitfinexClientConfig {
        Objects.requireNonNull(publicRestUrl, "publicRestUrl");
        Objects.requireNonNull(authRestUrl, "authRestUrl");
        Objects.requireNonNull(webSocketUrl, "webSocketUrl");
        if ((apiKey == null) != (apiSecret == null)) {
            throw new IllegalArgumentException("give both apiKey and apiSecret, or neither");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean hasCredentials() {
        return apiKey != null;
    }

    @Override
    public String toString() {
        return "BitfinexClientConfig[publicRestUrl=" + publicRestUrl + ", authRestUrl=" + authRestUrl + ", webSocketUrl="
                + webSocketUrl + ", apiKey=" + (apiKey == null ? "none" : mask(apiKey)) + ", apiSecret="
                + (apiSecret == null ? "none" : "***") + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", readRetries=" + readRetries + ", retryBackoff=" + retryBackoff + ", pingInterval="
                + pingInterval + ", deadAfter=" + deadAfter + ", reconnectMin=" + reconnectMin + ", reconnectMax="
                + reconnectMax + ", rateLimited=" + rateLimited + "]";
    }

    /** The key is not a secret on its own, but only its start is needed to tell keys apart in logs. */
    static String mask(String key) {
        return key.length() <= 4 ? "***" : key.substring(0, 4) + "***";
    }

    public static final class Builder {
        private URI publicRestUrl = DEFAULT_PUBLIC_REST_URL;
        private URI authRestUrl = DEFAULT_AUTH_REST_URL;
        private URI webSocketUrl = DEFAULT_WEBSOCKET_URL;
        private String apiKey;
        private String apiSecret;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private int readRetries = 4;
        private Duration retryBackoff = Duration.ofMillis(500);
        private Duration pingInterval = Duration.ofSeconds(10);
        private Duration deadAfter = Duration.ofSeconds(30);
        private Duration reconnectMin = Duration.ofMillis(500);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private boolean rateLimited = true;

        /**
         * Points REST (public and authenticated) and the WebSocket at one base URL, e.g. the exchange simulator
         * {@code http://127.0.0.1:8090} (WebSocket {@code ws://127.0.0.1:8090/ws/2}).
         */
        public Builder baseUrl(String base) {
            String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            URI uri = URI.create(trimmed);
            this.publicRestUrl = uri;
            this.authRestUrl = uri;
            String ws = trimmed.replaceFirst("^http", "ws");
            this.webSocketUrl = URI.create(ws + "/ws/2");
            return this;
        }

        public Builder publicRestUrl(String value) {
            this.publicRestUrl = URI.create(value);
            return this;
        }

        public Builder authRestUrl(String value) {
            this.authRestUrl = URI.create(value);
            return this;
        }

        public Builder webSocketUrl(String value) {
            this.webSocketUrl = URI.create(value);
            return this;
        }

        public Builder credentials(String key, String secret) {
            this.apiKey = key;
            this.apiSecret = secret;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder readRetries(int value) {
            this.readRetries = value;
            return this;
        }

        public Builder retryBackoff(Duration value) {
            this.retryBackoff = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        public Builder deadAfter(Duration value) {
            this.deadAfter = value;
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        public Builder rateLimited(boolean value) {
            this.rateLimited = value;
            return this;
        }

        public BitfinexClientConfig build() {
            return new BitfinexClientConfig(publicRestUrl, authRestUrl, webSocketUrl, apiKey, apiSecret, connectTimeout,
                    requestTimeout, readRetries, retryBackoff, pingInterval, deadAfter, reconnectMin, reconnectMax,
                    rateLimited);
        }
    }
}
