package io.tradingbot.strategy.messaging;

import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.support.messaging.IncomingEvents;
import io.tradingbot.strategy.service.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Follows the compacted {@code trading.sessions.v1} from its beginning (each instance in a group of its own), so every
 * instance knows every symbol's session whatever partitions of the candles it owns.
 */
@ApplicationScoped
public class SessionConsumer {
    private static final Logger LOG = Logger.getLogger(SessionConsumer.class);
    private static final EventDeserializer<TradingSession> SESSIONS = new EventDeserializer<>(TradingSession.class);

    private final SessionRegistry registry;

    public SessionConsumer(SessionRegistry registry) {
        this.registry = registry;
    }

    @Incoming("sessions")
    public CompletionStage<Void> onSession(Message<byte[]> message) {
        if (message.getPayload() == null) {
            String symbol = IncomingEvents.key(message);
            if (symbol != null) {
                registry.remove(symbol);
            }
            return message.ack();
        }
        try {
            TradingSession session = IncomingEvents.decode(message, SESSIONS);
            registry.apply(session);
            LOG.infof("Automated trading of %s %s (strategy %s, by %s)", session.symbol(),
                    session.active() ? "on" : "off", session.strategy(), session.changedBy());
            return message.ack();
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable session: %s", e.getMessage());
            return message.nack(e);
        }
    }
}
