package io.tradingbot.risk.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the signals already judged, so a redelivered signal gives no second verdict. Bounded: the oldest ids go
 * first. After a restart a signal may be judged again; its verdict id is derived from the signal id, so order-service
 * still places at most one order for it.
 */
@ApplicationScoped
public class JudgedSignals {
    private static final int CAPACITY = 100_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** True the first time an id is offered. */
    public synchronized boolean firstTime(String signalId) {
        return seen.putIfAbsent(signalId, Boolean.TRUE) == null;
    }
}
