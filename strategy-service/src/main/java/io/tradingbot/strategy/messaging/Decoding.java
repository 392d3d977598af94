package io.tradingbot.strategy.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradingbot.events.serde.EventDeserializer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Channels carry raw bytes and are decoded here, so a record that cannot be read is nacked with its bytes intact and the
 * dead-letter queue keeps exactly what was received.
 */
final class Decoding {
    private Decoding() {
    }

    static <T> T decode(Message<byte[]> message, EventDeserializer<T> deserializer) {
        return deserializer.deserialize(topic(message), message.getPayload());
    }

    static String topic(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
    }

    @SuppressWarnings("unchecked")
    static String key(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> (String) m.getKey()).orElse(null);
    }
}
