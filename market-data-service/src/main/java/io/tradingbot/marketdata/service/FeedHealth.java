package io.tradingbot.marketdata.service;

import io.tradingbot.bitfinex.ws.PublicChannelPool;
import io.tradingbot.bitfinex.ws.PublicChannelPool.SocketStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How old the feed of each watched symbol is: the time since its last ticker or candle, or since it started to be
 * watched when nothing has arrived yet (a feed gets that long to deliver its first data); and the state of each
 * exchange WebSocket the feeds use.
 */
@ApplicationScoped
public class FeedHealth {
    private final Map<String, Long> lastData = new ConcurrentHashMap<>();
    private final PublicChannelPool sockets;

    public FeedHealth(PublicChannelPool sockets) {
        this.sockets = sockets;
    }

    void watching(String symbol) {
        lastData.putIfAbsent(symbol, System.nanoTime());
    }

    void stopped(String symbol) {
        lastData.remove(symbol);
    }

    void seen(String symbol) {
        lastData.computeIfPresent(symbol, (s, old) -> System.nanoTime());
    }

    /** The feed's exchange WebSockets, oldest first. */
    public List<SocketStatus> sockets() {
        return sockets.sockets();
    }

    /** Age of every watched symbol's feed, by symbol. */
    public Map<String, Duration> ages() {
        long now = System.nanoTime();
        Map<String, Duration> ages = new TreeMap<>();
        lastData.forEach((symbol, at) -> ages.put(symbol, Duration.ofNanos(now - at)));
        return ages;
    }
}
