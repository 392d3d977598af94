package io.tradingbot.gateway.auth;

import io.tradingbot.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Slows password guessing: after too many failures from one client address within the window, logins wait it out. */
@ApplicationScoped
public class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(GatewayConfig config) {
        this.maxFailures = config.auth().maxFailures();
        this.window = config.auth().failureWindow();
    }

    /** How long the client must wait before trying again, if it must. */
    public Optional<Duration> blockedFor(String client) {
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            Instant now = clock.instant();
            recent.removeIf(at -> at.plus(window).isBefore(now));
            if (recent.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
        }
    }

    public void failed(String client) {
        Deque<Instant> recent = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
        }
    }

    public void succeeded(String client) {
        failures.remove(client);
    }
}
