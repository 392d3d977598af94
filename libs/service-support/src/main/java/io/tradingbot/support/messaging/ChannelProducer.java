package io.tradingbot.support.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends records through the Kafka producer of an outgoing channel, on the calling thread. The channel keeps its settings
 * (serializers, {@code acks}, {@code linger.ms}, idempotence: application.properties) and its life cycle. What this
 * skips is the channel's emitter path, which hands every record to the channel's sending thread and completes its
 * acknowledgement on an event loop: at 100 symbols, where every 1m candle closes at once, each of those hand-offs was
 * one more wait for a core at every hop of the order path (docs/benchmarks.md, 2026-11-28 morning).
 * <p>
 * A send never blocks its caller. The producer blocks a send to a topic whose partitions it does not know, so it is asked
 * for them on a thread of this channel's own, at start and again every minute (an idle topic is forgotten after
 * {@code metadata.max.idle.ms}, five minutes by default). Until it knows every topic of the channel, records go through
 * the channel's emitter, as they did before; and while any of those is not acknowledged yet, later ones follow it there,
 * so that records sent from one thread keep their order. (The emitter is also what connects the channel: a channel
 * without one is reported at every start as having no upstream.)
 * <p>
 * The returned stages complete on the producer's network thread: what runs on them must be quick.
 */
public final class ChannelProducer<V> implements RecordSender<V>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChannelProducer.class);
    private static final Duration KEEP_KNOWN = Duration.ofMinutes(1);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KafkaClientService clients;
    private final MutinyEmitter<V> emitter;
    private final String channel;
    private final List<String> topics;
    /** Asks for the topics' partitions: the one thing here that may block. */
    private final ScheduledExecutorService own;
    /** Records handed to the emitter and not yet acknowledged. */
    private final AtomicInteger handedOver = new AtomicInteger();
    private volatile Producer<String, V> producer;
    private volatile boolean topicsKnown;

    /**
     * @param emitter the channel's emitter ({@code @Channel(channel) MutinyEmitter<V>})
     * @param channel an outgoing channel of the smallrye-kafka connector
     * @param topics every topic this channel's records go to
     */
    public ChannelProducer(KafkaClientService clients, MutinyEmitter<V> emitter, String channel, String... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("channel " + channel + ": name the topics it writes");
        }
        this.clients = clients;
        this.emitter = emitter;
        this.channel = channel;
        this.topics = List.of(topics);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().daemon().name(channel + "-topics").unstarted(r));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.own = executor;
        own.execute(this::learnTopics);
    }

    /** Whether a send goes straight to the producer (every topic's partitions known, nothing on the emitter's path). */
    public boolean sendsDirectly() {
        return topicsKnown && handedOver.get() == 0;
    }

    @Override
    public CompletionStage<Void> send(String topic, String key, V value) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        if (sendsDirectly() && topics.contains(topic)) {
            try {
                producer().send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error == null) {
                        sent.complete(null);
                    } else {
                        sent.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                sent.completeExceptionally(e); // closed, or a record the producer refused before sending
            }
            return sent;
        }
        handedOver.incrementAndGet();
        Uni<Void> viaEmitter;
        try {
            viaEmitter = emitter.sendMessage(Message.of(value).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build()));
        } catch (RuntimeException e) {
            handedOver.decrementAndGet();
            sent.completeExceptionally(e);
            return sent;
        }
        viaEmitter.subscribe().with(ok -> {
            handedOver.decrementAndGet();
            sent.complete(null);
        }, failure -> {
            handedOver.decrementAndGet();
            sent.completeExceptionally(failure);
        });
        return sent;
    }

    private Producer<String, V> producer() {
        Producer<String, V> known = producer;
        if (known == null) {
            KafkaProducer<String, V> connector = clients.getProducer(channel);
            if (connector == null) {
                throw new IllegalStateException("channel " + channel + " has no Kafka producer");
            }
            known = connector.unwrap();
            producer = known;
        }
        return known;
    }

    // On the channel's own thread: a topic not known yet blocks here, for up to the producer's max.block.ms.
    private void learnTopics() {
        Duration next = refreshEvery();
        try {
            Producer<String, V> p = producer();
            topics.forEach(p::partitionsFor);
            if (!topicsKnown) {
                LOG.debugf("channel %s: partitions of %s known; records go straight to the producer", channel, topics);
            }
            topicsKnown = true;
        } catch (RuntimeException e) {
            topicsKnown = false;
            next = RETRY;
            LOG.debugf("channel %s: partitions of %s not known yet (%s)", channel, topics, e.getMessage());
        }
        try {
            own.schedule(this::learnTopics, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed
        }
    }

    // Well inside the producer's metadata.max.idle.ms, so that a topic without records for a while stays known.
    private Duration refreshEvery() {
        KafkaProducer<String, V> connector = clients.getProducer(channel);
        Object idle = connector == null ? null : connector.configuration().get(ProducerConfig.METADATA_MAX_IDLE_CONFIG);
        if (idle == null) {
            return KEEP_KNOWN;
        }
        try {
            Duration half = Duration.ofMillis(Long.parseLong(idle.toString().trim()) / 2);
            return half.compareTo(KEEP_KNOWN) < 0 ? half : KEEP_KNOWN;
        } catch (NumberFormatException e) {
            return KEEP_KNOWN; // the producer refuses such a setting itself; asking every minute is safe either way
        }
    }

    /** Stops asking for the topics; the producer is the channel's to close. */
    @Override
    public void close() {
        own.shutdownNow();
    }
}
