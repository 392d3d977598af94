package io.tradingbot.risk.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tradingbot.events.AccountSnapshot;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Signal;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.risk.config.RiskConfig;
import io.tradingbot.risk.service.RiskService;
import io.tradingbot.support.messaging.TradingSessions;
import io.tradingbot.support.messaging.IncomingEvents;
import io.tradingbot.support.messaging.PollAcknowledgement;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * Signals in, verdicts out; account snapshots and sessions followed. A signal is acknowledged only once its verdict is on
 * the broker; an unreadable record is dead-lettered byte for byte.
 * <p>
 * Signals are taken a poll at a time and judged one after the other in offset order on one worker, and the next poll
 * does not wait for the broker to acknowledge the previous verdicts: at 100 symbols every 1m candle closes at once, and
 * a worker hand-off per signal plus waiting 5-20 ms per verdict made the burst queue up. Verdicts are sent in judging
 * order through one producer, so a symbol's verdicts still leave in its signals' order; a batch is acknowledged once its
 * verdicts are on the broker (a signal whose verdict cannot be sent is dead-lettered), and the channel's throttled
 * commit strategy commits only offsets below which every batch is settled.
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

    /**
     * The key is typed {@code Object} (it is not read here): with {@code String}, SmallRye searched every converter bean
     * for each batch before handing it over (see strategy-service's {@code CandleConsumer}).
     */
    @Incoming("signals")
    @Blocking(ordered = true)
    public CompletionStage<Void> onSignals(KafkaRecordBatch<Object, byte[]> batch) {
        List<CompletionStage<Void>> settling = new ArrayList<>();
        for (KafkaRecord<Object, byte[]> record : batch) {
            if (record.getPayload() == null) {
                continue;
            }
            Signal signal;
            try {
                signal = IncomingEvents.decode(record, SIGNALS);
            } catch (SerializationException e) {
                // This record alone goes to the dead-letter topic, byte for byte; the batch around it goes on.
                LOG.warnf("Dead-lettering an unreadable signal: %s", e.getMessage());
                settling.add(record.nack(e));
                continue;
            }
            restorer.awaitRestored();
            Optional<RiskVerdict> verdict = risk.judge(signal);
            if (verdict.isEmpty()) {
                continue;
            }
            RiskVerdict v = verdict.get();
            try {
                // On this worker thread, so the stream itself slows down when the broker does.
                inFlight.acquire();
            } catch (InterruptedException e) {
                // Shutting down: the batch stays unacknowledged and is judged again after the restart (same verdict ids).
                Thread.currentThread().interrupt();
                return CompletableFuture.completedFuture(null);
            }
            // Sent now, on this thread: verdicts reach the producer in judging order.
            settling.add(publisher.verdict(v)
                    .handle((sent, failure) -> {
                        inFlight.release();
                        return failure;
                    })
                    .thenCompose(failure -> {
                        if (failure == null) {
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        LOG.errorf(failure, "Dead-lettering signal %s: its verdict was not published", signal.id());
                        return record.nack(failure);
                    }));
            // After the send: the line is not on the verdict's way to order-service.
            LOG.infof("%s %s %s: %s (%s) %s", v.approved() ? "APPROVED" : "REJECTED", v.side(), v.symbol(),
                    v.approved() ? v.amount().toPlainString() : "-", v.riskLevel(), v.reasons());
        }
        PollAcknowledgement.whenSettled(batch, settling, "signal");
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
