package io.tradingbot.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tradingbot.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Every connected client (WebSocket and Socket.IO), and the fan-out of each event to those who want it. */
@ApplicationScoped
public class EventHub {
    private final Map<String, Subscriber> clients = new ConcurrentHashMap<>();
    private final int capacity;
    private final Counter published;
    private final Counter dropped;

    public EventHub(GatewayConfig config, MeterRegistry registry) {
        this.capacity = config.ws().bufferSize();
        this.published = Counter.builder("gateway.ws.events.published")
                .description("Events fanned out to the WebSocket and Socket.IO clients").register(registry);
        this.dropped = Counter.builder("gateway.ws.events.dropped")
                .description("Events dropped for clients that read too slowly (each told by a lagged event)")
                .register(registry);
        registry.gaugeMapSize("gateway.ws.clients", java.util.List.of(), clients);
    }

    Subscriber join(String id, String user, Function<String, Uni<Void>> sink, Function<OutboundEvent, String> format) {
        Subscriber subscriber = new Subscriber(id, user, capacity, sink, format, dropped::increment);
        clients.put(id, subscriber);
        return subscriber;
    }

    Subscriber client(String id) {
        return clients.get(id);
    }

    void leave(String id) {
        Subscriber subscriber = clients.remove(id);
        if (subscriber != null) {
            subscriber.close();
        }
    }

    public void publish(OutboundEvent event) {
        published.increment();
        for (Subscriber client : clients.values()) {
            if (client.wants(event)) {
                client.offer(event);
            }
        }
    }

    /** Whether any client is subscribed to this symbol's market events. */
    public boolean watched(String symbol) {
        for (Subscriber client : clients.values()) {
            if (client.symbols().contains(symbol)) {
                return true;
            }
        }
        return false;
    }

    public int clients() {
        return clients.size();
    }
}
