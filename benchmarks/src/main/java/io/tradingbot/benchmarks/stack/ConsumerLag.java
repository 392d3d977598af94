package io.tradingbot.benchmarks.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A consumer group's lag on one topic, from the broker's point of view: the log end offsets minus the group's committed
 * offsets, summed over partitions. Also the topic's total end offset, whose growth is the rate records are produced.
 */
public final class ConsumerLag implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final String topic;

    public record Reading(long endOffset, long committed, long nanoTime) {
        public long lag() {
            return endOffset - committed;
        }
    }

    public ConsumerLag(String bootstrapServers, String group, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
        this.topic = topic;
    }

    public Reading read() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long end = ends.values().stream().mapToLong(Long::longValue).sum();
            // a partition the group has not committed on yet counts from its end offset at... nothing: all of it is lag
            long done = ends.keySet().stream().mapToLong(tp -> committed.containsKey(tp) && committed.get(tp) != null
                    ? committed.get(tp).offset() : 0).sum();
            return new Reading(end, done, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of " + group + " on " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
