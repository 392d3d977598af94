package io.tradingbot.gateway.ws;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One connected client: a bounded queue drained one frame at a time, the next frame written only when the previous one
 * left. A client that reads slowly fills its own queue; the oldest events are dropped and a {@code lagged} event says how
 * many, so no client ever holds back the fan-out or another client.
 */
final class Subscriber {
    private final String id;
    private final String user;
    private final int capacity;
    private final Function<String, Uni<Void>> sink;
    private final Function<OutboundEvent, String> format;
    private final Consumer<Long> onDrop;
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<OutboundEvent> queue = new ArrayDeque<>();
    private long dropped;
    private boolean sending;
    private volatile boolean closed;

    Subscriber(String id, String user, int capacity, Function<String, Uni<Void>> sink,
            Function<OutboundEvent, String> format, Consumer<Long> onDrop) {
        this.id = id;
        this.user = user;
        this.capacity = capacity;
        this.sink = sink;
        this.format = format;
        this.onDrop = onDrop;
    }

    String id() {
        return id;
    }

    String user() {
        return user;
    }

    Set<String> symbols() {
        return symbols;
    }

    boolean wants(OutboundEvent event) {
        return event.symbol() == null || symbols.contains(event.symbol());
    }

    void offer(OutboundEvent event) {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
                onDrop.accept(1L);
            }
            queue.addLast(event);
            if (sending) {
                return;
            }
            sending = true;
        }
        drain();
    }

    /** Writes frames while each write completes at once; otherwise continues when the pending one has left. */
    private void drain() {
        while (!closed) {
            String frame = next();
            if (frame == null) {
                return;
            }
            CompletableFuture<Void> written = sink.apply(frame).subscribeAsCompletionStage();
            if (!written.isDone()) {
                written.whenComplete((ok, failure) -> {
                    if (failure != null) {
                        close();
                    } else {
                        drain();
                    }
                });
                return;
            }
            if (written.isCompletedExceptionally()) {
                close();
                return;
            }
        }
    }

    private synchronized String next() {
        if (dropped > 0) {
            long count = dropped;
            dropped = 0;
            return format.apply(OutboundEvent.lagged(count));
        }
        OutboundEvent event = queue.pollFirst();
        if (event == null) {
            sending = false;
            return null;
        }
        return format.apply(event);
    }

    synchronized int queued() {
        return queue.size();
    }

    void close() {
        closed = true;
        synchronized (this) {
            queue.clear();
        }
    }
}
