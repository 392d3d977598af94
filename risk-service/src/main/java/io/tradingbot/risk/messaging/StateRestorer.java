package io.tradingbot.risk.messaging;

import io.quarkus.runtime.StartupEvent;
import io.tradingbot.events.RiskLimits;
import io.tradingbot.events.RiskState;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.risk.config.RiskConfig;
import io.tradingbot.risk.service.LimitsStore;
import io.tradingbot.risk.service.RiskStateStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Before anything is judged, reads back what an operator set (risk.limits.v1) and what risk-service must not forget
 * (risk.state.v1: high-water mark, kill switch). Consumers wait until it is done; a broker that is not there yet is
 * retried.
 */
@ApplicationScoped
public class StateRestorer {
    private static final Logger LOG = Logger.getLogger(StateRestorer.class);

    private final CompactedTopicReader reader;
    private final LimitsStore limits;
    private final RiskStateStore state;
    private final RiskConfig config;
    private final CountDownLatch restored = new CountDownLatch(1);

    public StateRestorer(CompactedTopicReader reader, LimitsStore limits, RiskStateStore state, RiskConfig config) {
        this.reader = reader;
        this.limits = limits;
        this.state = state;
        this.config = config;
    }

    /**
     * Before the messaging connectors start (they observe the same event at library priority): the read then overlaps
     * their start instead of following it, and the service is ready 0.5 s sooner.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Thread.ofVirtual().name("risk-state-restore").start(this::restoreUntilDone);
    }

    private void restoreUntilDone() {
        while (restored.getCount() > 0) {
            try {
                Map<String, Map<String, byte[]>> stored = reader.latest(List.of(Topics.RISK_LIMITS, Topics.RISK_STATE),
                        Duration.ofSeconds(10));
                byte[] storedLimits = stored.get(Topics.RISK_LIMITS).get(RiskPublisher.LIMITS_KEY);
                if (storedLimits != null) {
                    RiskLimits read = new EventDeserializer<>(RiskLimits.class).deserialize(Topics.RISK_LIMITS, storedLimits);
                    limits.set(read);
                    LOG.infof("Limits restored (set by %s at %s)", read.updatedBy(), read.updatedAt());
                }
                byte[] storedState = stored.get(Topics.RISK_STATE).get(config.account());
                if (storedState != null) {
                    RiskState read = new EventDeserializer<>(RiskState.class).deserialize(Topics.RISK_STATE, storedState);
                    state.restore(read);
                    LOG.infof("High-water mark %s USD restored%s", read.highWaterMark().toPlainString(),
                            read.killSwitchActive() ? "; the kill switch is ON: " + read.killSwitchReason() : "");
                }
                restored.countDown();
            } catch (RuntimeException e) {
                LOG.warnf("Cannot read risk limits and state yet (%s); retrying", e.getMessage());
                sleep();
            }
        }
    }

    /** Blocks a consumer until the limits and state are back. */
    public void awaitRestored() {
        try {
            if (!restored.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("risk limits and state were not restored within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for risk state", e);
        }
    }

    public boolean isRestored() {
        return restored.getCount() == 0;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
