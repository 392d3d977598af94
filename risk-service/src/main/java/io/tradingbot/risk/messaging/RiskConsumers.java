package io.tradingbot.risk.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.risk.config.RiskConfig;
import io.tradingbot.risk.service.RiskService;
import io.tradingbot.support.messaging.TradingSessions;
import io.tradingbot.support.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Signals in, verdicts out; account snapshots and sessions followed. A signal is acknowledged only once its verdict is on
 * the broker; an unreadable record is dead-lettered byte for byte.
 */
@ApplicationScoped
public class RiskConsumers {
    private static final Logger LOG = Logger.getLogger(RiskConsumers.class);
    private static final EventDeserializer<Signal> SIGNALS = new EventDeserializer<>(Signal.class);
    private static final EventDeserializer<AccountSnapshot> SNAPSHOTS = new EventDeserializer<>(AccountSnapshot.class);

    private final RiskService risk;
    private final TradingSessions sessions;
    private final RiskPublisher publisher;
    private final StateRestorer restorer;
    private final RiskConfig config;

    public RiskConsumers(RiskService risk, TradingSessions sessions, RiskPublisher publisher, StateRestorer restorer,
            RiskConfig config) {
        this.risk = risk;
        this.sessions = sessions;
        this.publisher = publisher;
        this.restorer = restorer;
        this.config = config;
    }

    @Incoming("signals")
    @Blocking(ordered = true)
    public CompletionStage<Void> onSignal(Message<byte[]> message) {
        if (message.getPayload() == null) {
            return message.ack();
        }
        Signal signal;
        try {
            signal = IncomingEvents.decode(message, SIGNALS);
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable signal: %s", e.getMessage());
            return message.nack(e);
        }
        restorer.awaitRestored();
        Optional<RiskVerdict> verdict = risk.judge(signal);
        if (verdict.isEmpty()) {
            return message.ack();
        }
        RiskVerdict v = verdict.get();
        LOG.infof("%s %s %s: %s (%s) %s", v.approved() ? "APPROVED" : "REJECTED", v.side(), v.symbol(),
                v.approved() ? v.amount().toPlainString() : "-", v.riskLevel(), v.reasons());
        return publisher.verdict(v).subscribeAsCompletionStage().thenCompose(sent -> message.ack());
    }

    @Incoming("snapshots")
    @Blocking(ordered = true)
    public CompletionStage<Void> onSnapshot(Message<byte[]> message) {
        if (message.getPayload() == null) {
            return message.ack();
        }
        try {
            AccountSnapshot snapshot = IncomingEvents.decode(message, SNAPSHOTS);
            if (snapshot.account().equals(config.account())) {
                restorer.awaitRestored();
                risk.onSnapshot(snapshot);
            }
            return message.ack();
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable account snapshot: %s", e.getMessage());
            return message.nack(e);
        }
    }

    @Incoming("sessions")
    public CompletionStage<Void> onSession(Message<byte[]> message) {
        return sessions.consume(message);
    }
}
