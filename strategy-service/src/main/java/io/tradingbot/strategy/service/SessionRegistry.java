package io.tradingbot.strategy.service;

import io.tradingbot.events.TradingSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The automated trading sessions in force, as the compacted {@code trading.sessions.v1} says: the latest record per symbol. */
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

    /** A tombstone (null value) for a symbol ends its session. */
    public void remove(String symbol) {
        active.remove(symbol);
    }

    public java.util.List<TradingSession> activeSessions() {
        return active.values().stream().sorted(java.util.Comparator.comparing(TradingSession::symbol)).toList();
    }

    public Optional<TradingSession> activeSession(String symbol) {
        return Optional.ofNullable(active.get(symbol));
    }
}
