package io.tradingbot.order.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradingbot.bitfinex.ws.AccountEvent;
import io.tradingbot.bitfinex.ws.AuthOptions;
import io.tradingbot.bitfinex.ws.BitfinexWebSocketClient;
import io.tradingbot.bitfinex.ws.ConnectionState;
import io.tradingbot.events.ExchangePrivateEvent;
import io.tradingbot.order.config.OrderConfig;
import io.tradingbot.order.service.FillFees;
import io.tradingbot.order.service.OrderLifecycle;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;

/**
 * This service's own authenticated socket, filters {@code trading} and {@code notify} (the {@code n on-req} answers to
 * orders sent on it; Bitfinex filters notifications out under {@code trading} alone): os, on, ou, oc, te, tu and n go onto
 * {@code exchange.private.v1} as received (the frame, plus its decoded fields) and feed the order lifecycle (the
 * {@code tu} fees, {@link FillFees}). After every reconnect the client re-authenticates and the {@code os} snapshot
 * follows; {@link OrderLifecycle#resync} then reports what changed while the socket was down, from the order history.
 */
@ApplicationScoped
public class PrivateStream {
    private static final Logger LOG = Logger.getLogger(PrivateStream.class);
    private static final Set<String> TRADING = Set.of("os", "on", "ou", "oc", "te", "tu", "n");

    private final BitfinexWebSocketClient socket;
    private final OrderLifecycle lifecycle;
    private final OrderPublisher publisher;
    private final OrderConfig config;
    private final FillFees fillFees;

    public PrivateStream(BitfinexWebSocketClient socket, OrderLifecycle lifecycle, OrderPublisher publisher,
            OrderConfig config, FillFees fillFees, MeterRegistry metrics) {
        this.socket = socket;
        // Each reopening of channel 0 is a window in which fills arrive late (and, with the dead-man switch, orders go).
        FunctionCounter.builder("tradingbot.exchange.ws.reconnects", socket, BitfinexWebSocketClient::reconnectCount)
                .description("Times the exchange WebSocket was reopened after it was lost")
                .tag("socket", "private")
                .register(metrics);
        this.lifecycle = lifecycle;
        this.publisher = publisher;
        this.config = config;
        this.fillFees = fillFees;
    }

    // After the messaging channels are up (a library observer), so the first snapshot can be published.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 100) StartupEvent event) {
        socket.onAccountEvent(this::onEvent);
        socket.onStateChange(state -> {
            if (state == ConnectionState.RECONNECTING) {
                LOG.warn("private socket lost; reconnecting (the snapshot after re-auth resyncs the orders)");
            } else if (state == ConnectionState.AUTHENTICATED) {
                LOG.info("private socket authenticated (filters trading, notify)");
            }
        });
        socket.onError(e -> LOG.warnf("private socket error: %s", e.getMessage()));
        socket.connect();
        socket.authenticate(new AuthOptions(config.deadManSwitch(), List.of("trading", "notify")));
    }

    void onStop(@Observes ShutdownEvent event) {
        socket.close();
    }

    public boolean isAuthenticated() {
        return socket.isAuthenticated();
    }

    void onEvent(AccountEvent event) {
        if (!TRADING.contains(event.type())) {
            return;
        }
        // One odd frame must not stop the stream, nor keep the lifecycle from its update. The lifecycle goes first: a
        // close waits on this thread for its exit's end (TradeCloser), and the frame's copy on Kafka waits for no one.
        try {
            switch (event) {
                case AccountEvent.OrdersSnapshot os -> lifecycle.resync(os.orders());
                case AccountEvent.OrderNew on -> lifecycle.observe(on.order());
                case AccountEvent.OrderUpdated ou -> lifecycle.observe(ou.order());
                case AccountEvent.OrderClosed oc -> lifecycle.observe(oc.order());
                case AccountEvent.TradeEvent tu when tu.isFinal() -> fillFees.reported(tu.trade());
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "private event %s not followed", event.type());
        }
        try {
            publisher.privateEvent(new ExchangePrivateEvent(config.account(), event.type(),
                    PrivateEventFields.symbol(event), PrivateEventFields.frame(event), PrivateEventFields.of(event),
                    System.currentTimeMillis()));
        } catch (RuntimeException e) {
            LOG.warnf("private event %s not published: %s", event.type(), e.toString());
        }
    }
}
