package io.tradingbot.order.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradeResult;
import io.tradingbot.support.messaging.ChannelProducer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * What order-service writes: the order lifecycle, the exchange's private events as received, and trade results, through
 * one producer, each record naming its topic, from the thread that writes it ({@link ChannelProducer}: a SUBMITTED
 * record is on the order path twice, sent and then awaited before its order leaves). Created at start on the main
 * thread, not lazily by the socket's first event.
 */
@Startup
@ApplicationScoped
public class OrderPublisher {
    private static final Logger LOG = Logger.getLogger(OrderPublisher.class);

    private final ChannelProducer<Object> events;
    private final MeterRegistry metrics;

    public OrderPublisher(KafkaClientService kafka, @Channel("events-out") MutinyEmitter<Object> events,
            MeterRegistry metrics) {
        this.events = new ChannelProducer<>(kafka, events, "events-out", Topics.ORDERS_EVENTS, Topics.EXCHANGE_PRIVATE,
                Topics.TRADING_RESULTS);
        this.metrics = metrics;
    }

    @PreDestroy
    void stop() {
        events.close();
    }

    /** Publishes a step of an order's lifecycle; each step counts once by status (the lifecycle never repeats one). */
    public void order(OrderEvent event) {
        metrics.counter("tradingbot.orders", "symbol", event.symbol(), "status", event.status().name()).increment();
        send(Topics.ORDERS_EVENTS, event.symbol(), event, "order event");
    }

    /**
     * Publishes a step and completes once the broker has acknowledged it: the SUBMITTED record that must be on the topic
     * before its order may leave (see {@code OrderJournal}).
     */
    public Uni<Void> orderAcknowledged(OrderEvent event) {
        metrics.counter("tradingbot.orders", "symbol", event.symbol(), "status", event.status().name()).increment();
        return sent(Topics.ORDERS_EVENTS, event.symbol(), event);
    }

    public void privateEvent(ExchangePrivateEvent event) {
        send(Topics.EXCHANGE_PRIVATE, event.symbol() != null ? event.symbol() : event.account(), event, "private event");
    }

    /** Completes once the broker has the result, so a verdict is acknowledged only after its result is stored. */
    public Uni<Void> result(TradeResult result) {
        return sent(Topics.TRADING_RESULTS, result.symbol(), result);
    }

    // Events follow the exchange's stream: a failed send is logged, never allowed to stall the socket's thread.
    private void send(String topic, String key, Object value, String what) {
        events.send(topic, key, value).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warnf("could not publish %s for %s: %s", what, key, failure.getMessage());
            }
        });
    }

    // Sent when subscribed to, as an emitter's message is; completes on the producer's network thread.
    private Uni<Void> sent(String topic, String key, Object value) {
        return Uni.createFrom().completionStage(() -> events.send(topic, key, value));
    }
}
