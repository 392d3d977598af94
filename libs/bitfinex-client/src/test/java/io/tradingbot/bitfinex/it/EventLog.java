package io.tradingbot.bitfinex.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects what a listener received, in order, for assertions from the test thread. */
final class EventLog<T> implements Consumer<T> {

    private final List<T> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(T event) {
        events.add(event);
    }

    List<T> all() {
        return List.copyOf(events);
    }

    <E extends T> List<E> of(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    int size() {
        return events.size();
    }

    /** Events received after the first {@code from} ones. */
    <E extends T> List<E> since(int from, Class<E> type) {
        List<T> snapshot = List.copyOf(events);
        return snapshot.subList(Math.min(from, snapshot.size()), snapshot.size()).stream().filter(type::isInstance)
                .map(type::cast).toList();
    }
}
