package io.tradingbot.risk.service;

import io.tradingbot.events.TradingSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The automated sessions in force (latest record per symbol on trading.sessions.v1): only their signals are judged. */
@ApplicationScoped
public class SessionRegistry {
    private final Map<String, TradingSession> active = new ConcurrentHashMap<>();

    public void apply(TradingSession session) {
        if (session.active()) {
            active.put(session.symbol(), session);
        } else {
            active.remove(session.symbol());
        }
    }

    public void remove(String symbol) {
        active.remove(symbol);
    }

    public Optional<TradingSession> activeSession(String symbol) {
        return Optional.ofNullable(active.get(symbol));
    }

    public List<TradingSession> activeSessions() {
        return List.copyOf(active.values());
    }
}
