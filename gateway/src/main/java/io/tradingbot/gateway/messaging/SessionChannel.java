package io.tradingbot.gateway.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.TradingSession;
import io.tradingbot.support.messaging.TradingSessions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Automated trading lives on the compacted {@code trading.sessions.v1}: the gateway writes a record per start or stop
 * (waiting for the broker's acknowledgement), and follows the topic like every other service.
 */
@ApplicationScoped
public class SessionChannel {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<TradingSession> out;
    private final TradingSessions sessions;

    public SessionChannel(@Channel("sessions-out") MutinyEmitter<TradingSession> out, TradingSessions sessions) {
        this.out = out;
        this.sessions = sessions;
    }

    public TradingSession publish(TradingSession session) {
        out.sendMessage(Message.of(session)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(session.symbol()).build()))
                .await().atMost(ACK_TIMEOUT);
        sessions.apply(session);
        return session;
    }

    @Incoming("sessions")
    public CompletionStage<Void> onSession(Message<byte[]> message) {
        return sessions.consume(message);
    }
}
