package io.tradingbot.gateway.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.tradingbot.gateway.ws.EventHub;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fan-out's consumer reads only while a client is connected. With nobody to send to, it read, decoded and re-encoded
 * every record of seven topics for nothing: at each candle close of 100 symbols that was the gateway's 140-150 ms of CPU
 * (and the broker's fetches for it) on a machine whose two cores the whole order path shares (docs/benchmarks.md).
 * <p>
 * Its partitions are paused while the hub is empty. When the first client joins they resume from the records written
 * since that moment (the broker's offset for the time), not from where they paused: a client sees what happens while it
 * is connected, as before, and a gateway idle for hours does not replay them.
 */
@ApplicationScoped
@Startup // follows the hub from the first client on, whenever the consumer's first assignment comes
@Identifier(FanInSwitch.NAME)
public class FanInSwitch implements KafkaConsumerRebalanceListener {
    static final String NAME = "fan-in-switch";
    private static final String CHANNEL = "fan";
    private static final Duration OFFSET_LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(FanInSwitch.class);

    private final KafkaClientService kafka;
    private final MeterRegistry registry;
    private final Gauge pausedGauge;
    private volatile boolean listening;
    private volatile boolean paused;
    private final AtomicBoolean strayPauseQueued = new AtomicBoolean();

    public FanInSwitch(KafkaClientService kafka, EventHub hub, MeterRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
        hub.audience(this::listening);
        this.listening = hub.clients() > 0; // after: a client joining in between is not missed
        this.pausedGauge = Gauge.builder("gateway.fan.paused", this, s -> s.paused ? 1 : 0)
                .description("1 while the fan-out reads nothing because no client is connected").register(registry);
    }

    /** A gauge reads this instance: gone with it (a registry outlives the application in tests that restart it). */
    @PreDestroy
    void unregister() {
        registry.remove(pausedGauge);
    }

    /** New partitions (the first assignment after the start) stay paused while nobody listens. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!listening) {
            consumer.pause(partitions);
            paused = true;
        }
    }

    /**
     * A record read while nobody listens: one polled before the pause, or the partitions resumed by the connector's own
     * back-pressure (it pauses them while its queue is full and resumes them all when it drains). Paused again, once.
     */
    void strayRecord() {
        if (!listening && strayPauseQueued.compareAndSet(false, true)) {
            onPollingThread(consumer -> {
                strayPauseQueued.set(false);
                pauseIfNobody(consumer);
            });
        }
    }

    private void listening(boolean anyone) {
        listening = anyone;
        long since = System.currentTimeMillis();
        onPollingThread(anyone ? consumer -> resumeFrom(consumer, since) : this::pauseIfNobody);
    }

    private void pauseIfNobody(Consumer<String, byte[]> consumer) {
        if (!listening) {
            consumer.pause(consumer.assignment());
            paused = true;
        }
    }

    private void resumeFrom(Consumer<String, byte[]> consumer, long since) {
        Set<TopicPartition> partitions = consumer.paused();
        if (!listening) {
            return;
        }
        if (partitions.isEmpty()) {
            paused = false; // already reading: the connector resumed them after its own back-pressure
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        try {
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, OFFSET_LOOKUP_TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                } else {
                    consumer.seekToEnd(List.of(partition));
                }
            }
        } catch (KafkaException e) {
            // The broker did not say where that moment is: from its end, as a fresh consumer at the latest offset would.
            LOG.warnf("Fan-out resumes from the end of its topics: %s", e.getMessage());
            consumer.seekToEnd(partitions);
        }
        consumer.resume(partitions);
        paused = false;
    }

    private void onPollingThread(java.util.function.Consumer<Consumer<String, byte[]>> action) {
        KafkaConsumer<String, byte[]> consumer = kafka.getConsumer(CHANNEL);
        if (consumer == null) {
            strayPauseQueued.set(false);
            return; // not started yet: its first assignment reads the flag
        }
        consumer.runOnPollingThread(action).subscribe().with(done -> { },
                failure -> LOG.warnf("Fan-out could not follow its audience: %s", failure.getMessage()));
    }
}
