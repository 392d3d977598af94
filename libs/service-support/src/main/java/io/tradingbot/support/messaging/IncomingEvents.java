package io.tradingbot.support.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradingbot.events.serde.EventDeserializer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How services read events: channels carry raw bytes and are decoded here, so a record that cannot be read is nacked with
 * its bytes intact and the dead-letter topic keeps exactly what was received (a deserializer in the connector would hand
 * on a null and lose them).
 */
public final class IncomingEvents {
    private IncomingEvents() {
    }

    /** The event in a record; a {@link org.apache.kafka.common.errors.SerializationException} names what was wrong. */
    public static <T> T decode(Message<byte[]> message, EventDeserializer<T> deserializer) {
        return deserializer.deserialize(topic(message), message.getPayload());
    }

    public static String topic(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
    }

    /** The record's key, or null. */
    public static String key(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getKey())
                .map(Object::toString).orElse(null);
    }
}
