package io.tradingbot.risk.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.RiskState;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.Topics;
import io.tradingbot.events.TradingSession;
import io.tradingbot.support.messaging.ChannelProducer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * What risk-service writes: verdicts, and the state it must not lose (limits, high-water mark and kill switch, stopped
 * sessions). Writes of state wait for the broker's acknowledgement, so nothing is reported done that a restart would undo.
 */
@ApplicationScoped
public class RiskPublisher {
    public static final String LIMITS_KEY = "limits";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final ChannelProducer<RiskVerdict> verdicts;
    private final MutinyEmitter<RiskLimits> limits;
    private final MutinyEmitter<RiskState> state;
    private final MutinyEmitter<TradingSession> sessions;
    private final MeterRegistry metrics;

    public RiskPublisher(KafkaClientService kafka, @Channel("verdicts") MutinyEmitter<RiskVerdict> verdicts,
            @Channel("limits-out") MutinyEmitter<RiskLimits> limits, @Channel("state-out") MutinyEmitter<RiskState> state,
            @Channel("sessions-out") MutinyEmitter<TradingSession> sessions, MeterRegistry metrics) {
        this.verdicts = new ChannelProducer<>(kafka, verdicts, "verdicts", Topics.RISK_VERDICTS);
        this.limits = limits;
        this.state = state;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @PreDestroy
    void stop() {
        verdicts.close();
    }

    /**
     * Sends a verdict now, from the calling thread, straight to the channel's producer (the order path: no hand-off to a
     * sending thread); once the broker has it, it counts by outcome (approved or rejected) and risk level.
     */
    public CompletionStage<Void> verdict(RiskVerdict verdict) {
        return verdicts.send(Topics.RISK_VERDICTS, verdict.symbol(), verdict).thenRun(() -> metrics.counter(
                "tradingbot.verdicts", "symbol", verdict.symbol(), "outcome", verdict.approved() ? "approved" : "rejected",
                "risk_level", String.valueOf(verdict.riskLevel())).increment());
    }

    public void limits(RiskLimits value) {
        limits.sendMessage(keyed(LIMITS_KEY, value)).await().atMost(ACK_TIMEOUT);
    }

    public void state(RiskState value) {
        state.sendMessage(keyed(value.account(), value)).await().atMost(ACK_TIMEOUT);
    }

    public void session(TradingSession value) {
        sessions.sendMessage(keyed(value.symbol(), value)).await().atMost(ACK_TIMEOUT);
    }

    private static <T> Message<T> keyed(String key, T value) {
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
