package io.tradingbot.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tradingbot.support.config.SettingsCheck;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway settings, under {@code gateway.*}: auth, and where the services it fronts answer. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Auth auth();

    Services services();

    Ws ws();

    Shutdown shutdown();

    /** The strategy a session runs unless its start names another. */
    @WithDefault("rsi-ema")
    String defaultStrategy();

    /** The strategies a session may name (strategy-service's built-in ones). */
    @WithDefault("rsi-ema,ema-crossover,macd,bollinger")
    List<String> strategies();

    /** What the application refuses to start with ({@link GatewayConfigRules}). */
    static void check(GatewayConfig gateway, SettingsCheck check) {
        check.atLeast("auth.max-failures", gateway.auth().maxFailures(), 1)
                .atLeast("ws.buffer-size", gateway.ws().bufferSize(), 16);
    }

    interface Auth {
        /** {@code AUTH_REQUIRED}: when false, every endpoint is open (local development only; a loud warning at start). */
        @WithDefault("true")
        boolean required();

        /** How long a token issued by {@code POST /api/v2/auth/ws-token} is valid. */
        @WithDefault("PT1H")
        Duration tokenTtl();

        /** The {@code iss} of issued tokens, checked on every request. */
        @WithDefault("tradingbot-gateway")
        String issuer();

        /** {@code TRADINGBOT_ADMIN_PASSWORD}: when set, a user {@code admin} with the trader and viewer roles. */
        Optional<String> adminPassword();

        /** Users by name: a bcrypt password hash and roles ({@code viewer}, {@code trader}). */
        Map<String, User> users();

        /** Failed logins from one client address allowed per window before it gets 429. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("PT1M")
        Duration failureWindow();
    }

    interface User {
        /** A bcrypt hash ({@code $2a$...}); a plain password is never configured. */
        String passwordHash();

        @WithDefault("viewer")
        List<String> roles();
    }

    interface Services {
        @WithDefault("http://localhost:8081")
        URI marketData();

        @WithDefault("http://localhost:8082")
        URI strategy();

        @WithDefault("http://localhost:8083")
        URI risk();

        @WithDefault("http://localhost:8084")
        URI order();

        @WithDefault("http://localhost:8085")
        URI account();
    }

    interface Shutdown {
        /** On SIGTERM, how long the requests in flight get to finish (placing an order may take up to 30 s). */
        @WithDefault("PT30S")
        Duration drainTimeout();
    }

    interface Ws {
        /** Events queued per client before the oldest are dropped (and a {@code lagged} event says how many). */
        @WithDefault("1024")
        int bufferSize();

        /** How often Socket.IO clients are pinged; one that does not answer within this again is disconnected. */
        @WithDefault("PT25S")
        Duration socketIoPingInterval();
    }
}
