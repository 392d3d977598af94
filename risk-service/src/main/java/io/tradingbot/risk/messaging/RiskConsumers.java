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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * Signals in, verdicts out; account snapshots and sessions followed. A signal is acknowledged only once its verdict is on
 * the broker; an unreadable record is dead-lettered byte for byte.
 * <p>
 * Signals are judged one at a time in offset order, but the next one does not wait for the broker to acknowledge the
 * previous verdict: at 100 symbols every 1m candle closes at once, and waiting 5-20 ms per verdict made a burst queue
 * up. Verdicts are sent in judging order through one producer, so a symbol's verdicts still leave in its signals' order;
 * each signal is acknowledged (or, if its verdict cannot be sent, dead-lettered) when its own send completes, and the
 * channel's throttled commit strategy commits only offsets below which every signal is settled.
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
    /** Verdicts sent and not yet acknowledged by the broker; bounded so a burst cannot overflow the emitter. */
    private final Semaphore inFlight;

    public RiskConsumers(RiskService risk, TradingSessions sessions, RiskPublisher publisher, StateRestorer restorer,
            RiskConfig config) {
        this.risk = risk;
        this.sessions = sessions;
        this.publisher = publisher;
        this.restorer = restorer;
        this.config = config;
        this.inFlight = new Semaphore(config.maxVerdictsInFlight());
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
        try {
            // On this worker thread, so the stream itself slows down when the broker does.
            inFlight.acquire();
        } catch (InterruptedException e) {
            // Shutting down: the signal stays unacknowledged and is judged again after the restart (same verdict id).
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(null);
        }
        // Subscribing sends now, on this thread: verdicts reach the producer in judging order.
        publisher.verdict(v).subscribe().with(
                sent -> {
                    inFlight.release();
                    message.ack();
                },
                failure -> {
                    inFlight.release();
                    LOG.errorf(failure, "Dead-lettering signal %s: its verdict was not published", signal.id());
                    message.nack(failure);
                });
        return CompletableFuture.completedFuture(null);
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
