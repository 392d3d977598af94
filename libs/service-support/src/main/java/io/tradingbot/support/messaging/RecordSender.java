package io.tradingbot.support.messaging;

import java.util.concurrent.CompletionStage;

/** Sends one keyed record to a Kafka topic; the stage completes once the broker has it, or fails. */
@FunctionalInterface
public interface RecordSender<V> {
    CompletionStage<Void> send(String topic, String key, V value);
}
