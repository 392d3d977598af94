package io.tradingbot.support.messaging;

import io.tradingbot.events.TradingSession;
import io.tradingbot.events.serde.EventDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The automated trading sessions in force, as the compacted {@code trading.sessions.v1} says: the latest record per
 * symbol. A service that follows sessions reads the topic from the beginning in a consumer group of its own and hands
 * each record to {@link #consume}; every instance then knows every symbol's session.
 */
@ApplicationScoped
public class TradingSessions {
    private static final Logger LOG = Logger.getLogger(TradingSessions.class);
    private static final EventDeserializer<TradingSession> SESSIONS = new EventDeserializer<>(TradingSession.class);

    private final Map<String, TradingSession> active = new ConcurrentHashMap<>();

    /** Applies one record (a tombstone ends the key's session); an unreadable one is nacked to the dead-letter topic. */
    public CompletionStage<Void> consume(Message<byte[]> message) {
        if (message.getPayload() == null) {
            String symbol = IncomingEvents.key(message);
            if (symbol != null) {
                active.remove(symbol);
            }
            return message.ack();
        }
        try {
            apply(IncomingEvents.decode(message, SESSIONS));
            return message.ack();
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable session: %s", e.getMessage());
            return message.nack(e);
        }
    }

    public void apply(TradingSession session) {
        if (session.active()) {
            active.put(session.symbol(), session);
        } else {
            active.remove(session.symbol());
        }
        LOG.infof("Automated trading of %s %s (strategy %s, by %s)", session.symbol(), session.active() ? "on" : "off",
                session.strategy(), session.changedBy());
    }

    public Optional<TradingSession> activeSession(String symbol) {
        return Optional.ofNullable(active.get(symbol));
    }

    public List<TradingSession> activeSessions() {
        return active.values().stream().sorted(Comparator.comparing(TradingSession::symbol)).toList();
    }
}
