package io.tradingbot.strategy.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Signal;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.support.messaging.IncomingEvents;
import io.tradingbot.strategy.service.SignalService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code market.candles.v1} and publishes {@code strategy.signals.v1}, keyed by symbol. A candle is acknowledged
 * only once its signal is on the broker, so a crash in between replays the candle (and the same signal id), never loses it.
 */
@ApplicationScoped
public class CandleConsumer {
    private static final Logger LOG = Logger.getLogger(CandleConsumer.class);
    private static final EventDeserializer<Candle> CANDLES = new EventDeserializer<>(Candle.class);

    private final SignalService signals;
    private final MutinyEmitter<Signal> out;
    private final MeterRegistry metrics;

    public CandleConsumer(SignalService signals, @Channel("signals") MutinyEmitter<Signal> out, MeterRegistry metrics) {
        this.signals = signals;
        this.out = out;
        this.metrics = metrics;
    }

    @Incoming("candles")
    @Blocking(ordered = true)
    public CompletionStage<Void> onCandle(Message<byte[]> message) {
        if (message.getPayload() == null) {
            return message.ack();
        }
        Candle candle;
        try {
            candle = IncomingEvents.decode(message, CANDLES);
        } catch (SerializationException e) {
            LOG.warnf("Dead-lettering an unreadable candle: %s", e.getMessage());
            return message.nack(e);
        }
        Optional<Signal> signal = signals.onCandle(candle);
        if (signal.isEmpty()) {
            return message.ack();
        }
        Signal produced = signal.get();
        LOG.infof("%s %s on %s %s: %s", produced.signal(), produced.symbol(), produced.timeframe(), produced.strategy(),
                produced.reason());
        return out.sendMessage(Message.of(produced)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(produced.symbol()).build()))
                .subscribeAsCompletionStage()
                .thenCompose(sent -> {
                    // Counted once on the broker: what a trader watches as the strategy's output rate per action.
                    metrics.counter("tradingbot.signals", "symbol", produced.symbol(), "signal", produced.signal().name(),
                            "strategy", produced.strategy()).increment();
                    return message.ack();
                });
    }
}
