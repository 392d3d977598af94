package io.tradingbot.marketdata.messaging;

import io.tradingbot.marketdata.service.MarketFeed;
import io.tradingbot.support.messaging.IncomingEvents;
import io.tradingbot.support.messaging.TradingSessions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Follows the compacted {@code trading.sessions.v1} from its beginning, each instance in a consumer group of its own
 * ({@link TradingSessions} keeps them): a symbol with an active session is watched on top of the configured ones, and
 * no longer once its session ends (inactive record or tombstone).
 */
@ApplicationScoped
public class SessionConsumer {
    private final TradingSessions sessions;
    private final MarketFeed feed;

    public SessionConsumer(TradingSessions sessions, MarketFeed feed) {
        this.sessions = sessions;
        this.feed = feed;
    }

    @Incoming("sessions")
    public CompletionStage<Void> onSession(Message<byte[]> message) {
        String symbol = IncomingEvents.key(message);
        CompletionStage<Void> handled = sessions.consume(message);
        if (symbol != null) {
            if (sessions.activeSession(symbol).isPresent()) {
                feed.watch(symbol, MarketFeed.SESSION);
            } else {
                feed.unwatch(symbol, MarketFeed.SESSION);
            }
        }
        return handled;
    }
}
