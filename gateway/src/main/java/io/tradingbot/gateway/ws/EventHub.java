package io.tradingbot.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tradingbot.gateway.config.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Every connected client (WebSocket and Socket.IO), and the fan-out of each event to those who want it. */
@ApplicationScoped
public class EventHub {
    private final Map<String, Subscriber> clients = new ConcurrentHashMap<>();
    private final Object audienceLock = new Object();
    private volatile Audience audience = anyone -> { };
    private final int capacity;
    private final Counter published;
    private final Counter dropped;
    private final MeterRegistry registry;
    private final Gauge clientsGauge;

    public EventHub(GatewayConfig config, MeterRegistry registry) {
        this.capacity = config.ws().bufferSize();
        this.published = Counter.builder("gateway.ws.events.published")
                .description("Events fanned out to the WebSocket and Socket.IO clients").register(registry);
        this.dropped = Counter.builder("gateway.ws.events.dropped")
                .description("Events dropped for clients that read too slowly (each told by a lagged event)")
                .register(registry);
        this.registry = registry;
        this.clientsGauge = Gauge.builder("gateway.ws.clients", clients, Map::size).register(registry);
    }

    /** A gauge reads this instance: gone with it (a registry outlives the application in tests that restart it). */
    @PreDestroy
    void unregister() {
        registry.remove(clientsGauge);
    }

    /** Who is told when the first client joins and when the last one leaves (one listener: the fan-in). */
    public void audience(Audience audience) {
        this.audience = audience;
    }

    Subscriber join(String id, String user, Function<String, Uni<Void>> sink, Function<OutboundEvent, String> format) {
        Subscriber subscriber = new Subscriber(id, user, capacity, sink, format, dropped::increment);
        synchronized (audienceLock) {
            boolean first = clients.isEmpty();
            clients.put(id, subscriber);
            if (first) {
                audience.listening(true);
            }
        }
        return subscriber;
    }

    Subscriber client(String id) {
        return clients.get(id);
    }

    void leave(String id) {
        Subscriber subscriber;
        synchronized (audienceLock) {
            subscriber = clients.remove(id);
            if (subscriber != null && clients.isEmpty()) {
                audience.listening(false);
            }
        }
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

    /** Told, without blocking, whether any client is connected, each time that changes. */
    @FunctionalInterface
    public interface Audience {
        void listening(boolean anyone);
    }
}
