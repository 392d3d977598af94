package io.tradingbot.bitfinex.ws;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A public channel the client keeps subscribed (again after every reconnect). {@code request} holds the subscribe
 * fields ({@code channel}, {@code symbol} or {@code key}).
 */
public final class Subscription {

    private final String subId;
    private final String channel;
    private final Map<String, String> request;
    private final Consumer<MarketEvent> handler;
    private volatile Long chanId;

    Subscription(String subId, String channel, Map<String, String> request, Consumer<MarketEvent> handler) {
        this.subId = subId;
        this.channel = channel;
        this.request = Map.copyOf(request);
        this.handler = handler;
    }

    public String subId() {
        return subId;
    }

    public String channel() {
        return channel;
    }

    /** The symbol (ticker, trades) or key (candles) this subscription is for. */
    public String target() {
        return request.containsKey("key") ? request.get("key") : request.get("symbol");
    }

    Map<String, String> request() {
        return request;
    }

    Consumer<MarketEvent> handler() {
        return handler;
    }

    /** The channel id of the current socket, null until subscribed. */
    public Long chanId() {
        return chanId;
    }

    void chanId(Long value) {
        this.chanId = value;
    }

    @Override
    public String toString() {
        return "Subscription[" + channel + " " + target() + " chanId=" + chanId + "]";
    }
}
