package io.tradingbot.strategy.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.SignalType;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.strategy.config.StrategyConfig;
import io.tradingbot.strategy.service.SignalService;
import io.tradingbot.support.messaging.ChannelProducer;
import io.tradingbot.support.messaging.PollAcknowledgement;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Consumes {@code market.candles.v1} a poll at a time and publishes {@code strategy.signals.v1}, keyed by symbol.
 * <p>
 * Most records are updates of a candle still forming ({@code closed=false}), which the engine never reads: they are decoded
 * on the event loop (an unreadable one must still reach the dead-letter topic) and dropped there, without a worker hop.
 * Closed candles are evaluated in the batch's order (offset order per partition, and a symbol's candles share a
 * partition) and their signals published: on the event loop too when nothing in that can block (every series warm,
 * room for every signal in flight), else on a worker. Evaluating a warm series takes microseconds; the hand-off to a
 * worker took 5 ms at the median when ten symbols' candles closed at once (2026-11-27, docs/benchmarks.md).
 * The batch is acknowledged once every signal of it is on the broker and every unreadable record of it on the
 * dead-letter topic, so a crash in between replays the batch (and the same signal ids), never loses a candle.
 * <p>
 * The next batch is handed over once this one is evaluated and its signals are sent, not once the broker has acknowledged
 * them: when every 1m candle closes at once, waiting 5-20 ms of broker round trip per batch made the candles queue up.
 * Evaluation stays one batch at a time, and sends are issued in evaluation order straight to the channel's producer
 * ({@link ChannelProducer}, no hand-off to a sending thread), so a symbol's signals still leave in candle order. Batches
 * may then be acknowledged out of order; the channel's throttled commit strategy commits an offset only once everything
 * before it is acknowledged. Signals awaiting the broker are bounded
 * ({@code strategy.max-signals-in-flight}).
 */
@ApplicationScoped
public class CandleConsumer {
    private static final Logger LOG = Logger.getLogger(CandleConsumer.class);
    private static final EventDeserializer<Candle> CANDLES = new EventDeserializer<>(Candle.class);

    private final SignalService signals;
    private final ChannelProducer<Signal> out;
    private final MeterRegistry metrics;
    private final Executor worker;
    /** Signals sent and not yet acknowledged by the broker; bounded so a burst cannot overflow the emitter. */
    private final Semaphore inFlight;

    public CandleConsumer(SignalService signals, KafkaClientService kafka, @Channel("signals") MutinyEmitter<Signal> out,
            MeterRegistry metrics, StrategyConfig config) {
        this.signals = signals;
        this.out = new ChannelProducer<>(kafka, out, "signals", Topics.STRATEGY_SIGNALS);
        this.metrics = metrics;
        this.inFlight = new Semaphore(config.maxSignalsInFlight());
        // Quarkus' worker pool: evaluation may block (a new series warms up over REST, series locks are shared with REST).
        this.worker = Infrastructure.getDefaultWorkerPool();
    }

    @PreDestroy
    void stop() {
        out.close();
    }

    /** A closed candle and the record it came in, which is dead-lettered on its own if its signal cannot be published. */
    private record Closed(KafkaRecord<Object, byte[]> record, Candle candle) {
    }

    /**
     * The key is typed {@code Object}, not {@code String} (it is not read here): SmallRye takes a batch's first type
     * argument for the payload type to convert it to, and for {@code String} it searched every converter bean on every
     * batch (a miss is not cached), a fifth of this service's event-loop time (docs/benchmarks.md, 2026-11-29 evening).
     * Any batch is an {@code Object}, so the first one settles that no conversion is needed.
     */
    @Incoming("candles")
    public CompletionStage<Void> onCandles(KafkaRecordBatch<Object, byte[]> batch) {
        List<Closed> closed = new ArrayList<>();
        List<CompletionStage<Void>> settling = new ArrayList<>();
        for (KafkaRecord<Object, byte[]> record : batch) {
            if (record.getPayload() == null) {
                continue;
            }
            Candle candle;
            try {
                candle = CANDLES.deserialize(record.getTopic(), record.getPayload());
            } catch (SerializationException e) {
                LOG.warnf("Dead-lettering an unreadable candle (partition %d, offset %s): %s", record.getPartition(),
                        record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(null),
                        e.getMessage());
                // This record alone goes to market.candles.v1.dlq, byte for byte; the batch around it goes on.
                settling.add(record.nack(e));
                continue;
            }
            if (candle.closed()) {
                closed.add(new Closed(record, candle));
            }
        }
        if (closed.isEmpty()) {
            PollAcknowledgement.whenSettled(batch, settling, "candle");
            return CompletableFuture.completedFuture(null);
        }
        if (evaluatesWithoutBlocking(closed)) {
            evaluatedOn("event-loop").increment();
            PollAcknowledgement.whenSettled(batch, evaluate(closed, settling), "candle");
            return CompletableFuture.completedFuture(null);
        }
        evaluatedOn("worker").increment();
        // The next batch waits for this evaluation (series state, signal order), not for the broker's acknowledgements.
        return CompletableFuture.supplyAsync(() -> evaluate(closed, settling), worker)
                .thenAccept(all -> PollAcknowledgement.whenSettled(batch, all, "candle"));
    }

    /**
     * No series of these candles reads its history first, and every signal they may make fits in flight: only this
     * consumer takes permits, so {@link #publish} will not wait for one (on the event loop, the wait could be for an
     * acknowledgement that the same event loop delivers). The send itself never blocks ({@link ChannelProducer}).
     */
    private boolean evaluatesWithoutBlocking(List<Closed> closed) {
        if (inFlight.availablePermits() < closed.size()) {
            return false;
        }
        for (Closed next : closed) {
            if (!signals.takesCandleWithoutWarmup(next.candle().symbol(), next.candle().timeframe())) {
                return false;
            }
        }
        return true;
    }

    private Counter evaluatedOn(String thread) {
        return metrics.counter("tradingbot.strategy.closed.batches", "thread", thread);
    }

    /** Evaluates the closed candles in order and starts publishing their signals; returns what the batch waits for. */
    private List<CompletionStage<Void>> evaluate(List<Closed> closed, List<CompletionStage<Void>> settling) {
        for (Closed next : closed) {
            Optional<Signal> signal;
            try {
                signal = signals.onCandle(next.candle());
            } catch (RuntimeException e) {
                // As a failing @Incoming method would: this candle to the dead-letter topic, the stream goes on.
                LOG.errorf(e, "Dead-lettering a candle that could not be evaluated: %s %s %d", next.candle().symbol(),
                        next.candle().timeframe(), next.candle().mts());
                settling.add(next.record().nack(e));
                continue;
            }
            signal.ifPresent(produced -> settling.add(publish(next.record(), produced)));
        }
        return settling;
    }

    private CompletionStage<Void> publish(KafkaRecord<Object, byte[]> record, Signal produced) {
        // On a worker, evaluation itself slows down when the broker does; on the event loop a permit is known to be free.
        inFlight.acquireUninterruptibly();
        // Sent at once, in evaluation order: the producer keeps that order onto the partition.
        CompletionStage<Void> settled = out.send(Topics.STRATEGY_SIGNALS, produced.symbol(), produced)
                .handle((sent, failure) -> {
                    inFlight.release();
                    return failure;
                })
                .thenCompose(failure -> {
                    if (failure != null) {
                        LOG.errorf(failure, "Dead-lettering the candle of signal %s: the signal was not published",
                                produced.id());
                        return record.nack(failure);
                    }
                    // Counted once on the broker: what a trader watches as the strategy's output rate per action.
                    metrics.counter("tradingbot.signals", "symbol", produced.symbol(), "signal", produced.signal().name(),
                            "strategy", produced.strategy()).increment();
                    return CompletableFuture.completedFuture(null);
                });
        // Logged once the signal is on its way: before the send, the line took 0.1 ms of the order path (2026-11-29). A
        // HOLD per symbol and candle was nearly all of the log (100 lines a minute at 100 symbols) and 1-3 ms of the CPU
        // of each close (docs/benchmarks.md, 2026-11-28); it is on Kafka and the gateway with its reason anyway.
        LOG.logf(produced.signal() == SignalType.HOLD ? Logger.Level.DEBUG : Logger.Level.INFO, "%s %s on %s %s: %s",
                produced.signal(), produced.symbol(), produced.timeframe(), produced.strategy(), produced.reason());
        return settled;
    }
}
