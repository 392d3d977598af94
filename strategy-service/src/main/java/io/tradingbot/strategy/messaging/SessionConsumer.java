package io.tradingbot.strategy.messaging;

import io.tradingbot.support.messaging.TradingSessions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Follows the compacted {@code trading.sessions.v1} from its beginning (each instance in a group of its own), so every
 * instance knows every symbol's session whatever partitions of the candles it owns.
 */
@ApplicationScoped
public class SessionConsumer {
    private final TradingSessions sessions;

    public SessionConsumer(TradingSessions sessions) {
        this.sessions = sessions;
    }

    @Incoming("sessions")
    public CompletionStage<Void> onSession(Message<byte[]> message) {
        return sessions.consume(message);
    }
}
