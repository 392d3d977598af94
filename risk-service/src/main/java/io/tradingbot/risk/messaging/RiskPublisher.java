package io.tradingbot.risk.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.RiskState;
import io.tradingbot.events.RiskVerdict;
import io.tradingbot.events.TradingSession;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * What risk-service writes: verdicts, and the state it must not lose (limits, high-water mark and kill switch, stopped
 * sessions). Writes of state wait for the broker's acknowledgement, so nothing is reported done that a restart would undo.
 */
@ApplicationScoped
public class RiskPublisher {
    public static final String LIMITS_KEY = "limits";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<RiskVerdict> verdicts;
    private final MutinyEmitter<RiskLimits> limits;
    private final MutinyEmitter<RiskState> state;
    private final MutinyEmitter<TradingSession> sessions;
    private final MeterRegistry metrics;

    public RiskPublisher(@Channel("verdicts") MutinyEmitter<RiskVerdict> verdicts,
            @Channel("limits-out") MutinyEmitter<RiskLimits> limits, @Channel("state-out") MutinyEmitter<RiskState> state,
            @Channel("sessions-out") MutinyEmitter<TradingSession> sessions, MeterRegistry metrics) {
        this.verdicts = verdicts;
        this.limits = limits;
        this.state = state;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Sends a verdict; once the broker has it, it counts by outcome (approved or rejected) and risk level. */
    public io.smallrye.mutiny.Uni<Void> verdict(RiskVerdict verdict) {
        return verdicts.sendMessage(keyed(verdict.symbol(), verdict)).invoke(() -> metrics.counter("tradingbot.verdicts",
                "symbol", verdict.symbol(), "outcome", verdict.approved() ? "approved" : "rejected",
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
