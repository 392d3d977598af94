package io.tradingbot.order.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.tradingbot.events.OrderEvent;
import io.tradingbot.events.OrderStatus;
import io.tradingbot.events.Topics;
import io.tradingbot.events.serde.EventDeserializer;
import io.tradingbot.order.config.OrderConfig;
import io.tradingbot.order.messaging.OrderPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cids order-service has sent, as a write-ahead journal on {@code orders.events.v1}: every order's {@code SUBMITTED}
 * record, an entry's or an exit's, is acknowledged by the broker before the order leaves ({@link #writeAhead}), so a cid
 * that no such record carries was never sent by any order-service, and its order can be placed without asking the
 * exchange first (Bitfinex takes a duplicate cid, so asking is the only other protection; and asking reads every active
 * order and a day of the symbol's history, against the exchange's rate limits). At start the SUBMITTED records of the
 * lookback window are read back up to the end offsets of that moment; after that, this process's own submits keep the
 * set current (one order-service per API key: it is the topic's only writer of SUBMITTED records).
 * <p>
 * The exchange is still asked when the journal cannot vouch: not read back yet, the cid is journaled (it may be on the
 * exchange), or the verdict is older than the window the journal covers.
 */
@ApplicationScoped
public class OrderJournal {
    private static final Logger LOG = Logger.getLogger(OrderJournal.class);
    private static final EventDeserializer<OrderEvent> EVENTS = new EventDeserializer<>(OrderEvent.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int PRUNE_EVERY = 256;

    /** Why the exchange is asked for a cid before its order is sent (the {@code reason} of the look-up counter). */
    public static final String NOT_RESTORED = "journal_not_restored";
    public static final String JOURNALED = "journaled";
    public static final String OLDER_THAN_JOURNAL = "verdict_older_than_journal";

    /**
     * The verdict's time comes from risk-service's clock, the SUBMITTED record's from this one's: a verdict this close to
     * the start of the window is looked up rather than trusted.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final Duration lookback;
    /** Null in a journal that is only read back (tests): it writes nothing. */
    private final OrderPublisher publisher;
    private final Duration ackTimeout;
    /** cid → time of its latest SUBMITTED record (epoch ms). */
    private final Map<Long, Long> submitted = new ConcurrentHashMap<>();
    private final AtomicInteger sincePrune = new AtomicInteger();
    /** The earliest time from which every SUBMITTED record is known; null until read back. */
    private volatile Instant coveredSince;
    private volatile Thread restorer;

    @Inject
    public OrderJournal(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OrderConfig config,
            OrderPublisher publisher) {
        this(kafkaConfig, Topics.ORDERS_EVENTS, config.journal().lookback(), publisher, config.journal().ackTimeout());
    }

    /** A journal of its own over {@code topic}, only read back: what a newly started instance sees (for tests). */
    public OrderJournal(Map<String, Object> kafkaConfig, String topic, Duration lookback) {
        this(kafkaConfig, topic, lookback, null, null);
    }

    private OrderJournal(Map<String, Object> kafkaConfig, String topic, Duration lookback, OrderPublisher publisher,
            Duration ackTimeout) {
        this.kafkaConfig = kafkaConfig;
        this.topic = topic;
        this.lookback = lookback;
        this.publisher = publisher;
        this.ackTimeout = ackTimeout;
    }

    void onStart(@Observes StartupEvent event) {
        restorer = Thread.ofPlatform().daemon().name("orders-journal-restore").start(this::restoreUntilDone);
    }

    @PreDestroy
    void stop() {
        Thread thread = restorer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void restoreUntilDone() {
        while (coveredSince == null && !Thread.currentThread().isInterrupted()) {
            try {
                restore(READ_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf("Cannot read the submitted cids back from %s yet (%s); every verdict is looked up on the "
                        + "exchange until then; retrying", topic, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Reads the SUBMITTED records of the last {@code lookback} back, up to the end offsets of now; blocks until done.
     *
     * @throws RuntimeException when the topic cannot be read to those offsets within {@code timeout}
     */
    public void restore(Duration timeout) {
        Instant start = Instant.now();
        Instant from = start.minus(lookback);
        Instant covered = from;
        Map<Long, Long> found = new HashMap<>();
        int records = 0;
        int unreadable = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(p -> since.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(since, timeout);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = first.get(p);
                long offset = at == null ? end.get(p) : at.offset();
                consumer.seek(p, offset);
                // Retention removed records that may have been inside the window: trust only what is still there.
                if (begin.get(p) > 0 && offset == begin.get(p)) {
                    Instant kept = at == null ? start : Instant.ofEpochMilli(at.timestamp());
                    covered = kept.isAfter(covered) ? kept : covered;
                }
            }
            Instant deadline = start.plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // written after the start: by this process, which has it in memory already
                    }
                    records++;
                    OrderEvent event;
                    try {
                        event = EVENTS.deserialize(topic, record.value());
                    } catch (RuntimeException e) {
                        unreadable++;
                        continue;
                    }
                    if (event != null && event.status() == OrderStatus.SUBMITTED) {
                        found.merge(event.cid(), record.timestamp(), Math::max);
                    }
                }
            }
        }
        if (unreadable > 0) {
            // An unreadable record may have been a SUBMITTED one: only verdicts made after now are vouched for.
            LOG.warnf("%d records of %s are unreadable: verdicts made before %s are looked up on the exchange",
                    unreadable, topic, start);
            covered = start;
        }
        found.forEach((cid, mts) -> submitted.merge(cid, mts, Math::max));
        prune();
        coveredSince = covered;
        LOG.infof("Orders journal restored from %s: %d submitted cids in %d records since %s", topic, found.size(),
                records, covered);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-service-journal-" + System.identityHashCode(this));
        return props;
    }

    public boolean isRestored() {
        return coveredSince != null;
    }

    /** Whether a SUBMITTED record with this cid is known. */
    public boolean contains(long cid) {
        return submitted.containsKey(cid);
    }

    /**
     * Why the exchange must be asked for {@code cid} before it is sent; empty when no order-service can have sent it: the
     * journal is read back, has no SUBMITTED record for it, and covers the time since the verdict was made.
     */
    public Optional<String> lookupReason(long cid, Instant verdictCreatedAt) {
        Instant covered = coveredSince;
        if (covered == null) {
            return Optional.of(NOT_RESTORED);
        }
        if (submitted.containsKey(cid)) {
            return Optional.of(JOURNALED);
        }
        Instant window = Instant.now().minus(lookback);
        Instant trusted = (covered.isAfter(window) ? covered : window).plus(CLOCK_SKEW);
        if (verdictCreatedAt == null || !verdictCreatedAt.isAfter(trusted)) {
            return Optional.of(OLDER_THAN_JOURNAL);
        }
        return Optional.empty();
    }

    /**
     * Journals an order before it is sent: notes its cid, publishes its {@code SUBMITTED} record and waits for the broker
     * to acknowledge it.
     *
     * @throws NotJournaled when the broker does not acknowledge it within {@code order.journal.ack-timeout}: the order
     *         must not be sent (a record that lands later is still noted here; an extra cid only costs a look-up)
     */
    public void writeAhead(OrderEvent submitted) {
        if (publisher == null) {
            throw new IllegalStateException("this journal is only read back");
        }
        record(submitted.cid());
        try {
            publisher.orderAcknowledged(submitted).await().atMost(ackTimeout);
        } catch (RuntimeException e) {
            throw new NotJournaled("the SUBMITTED record of order cid " + submitted.cid()
                    + " was not acknowledged by Kafka within " + ackTimeout + " (" + e.getMessage() + ")", e);
        }
    }

    /** The SUBMITTED record of an order is not known to be on the broker: the order must not be sent. */
    public static final class NotJournaled extends RuntimeException {
        NotJournaled(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void record(long cid) {
        submitted.put(cid, System.currentTimeMillis());
        if (sincePrune.incrementAndGet() >= PRUNE_EVERY) {
            sincePrune.set(0);
            prune();
        }
    }

    // A cid submitted before the window belongs to a verdict that is looked up anyway (older than the journal).
    private void prune() {
        long oldest = Instant.now().minus(lookback).toEpochMilli();
        submitted.values().removeIf(mts -> mts < oldest);
    }

    /** How many cids are known (for the start log and tests). */
    public int size() {
        return submitted.size();
    }
}
