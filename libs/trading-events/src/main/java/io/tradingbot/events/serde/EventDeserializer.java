package io.tradingbot.events.serde;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.tradingbot.events.TopicSpec;
import io.tradingbot.events.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads an event record from JSON. Without an explicit type it reads the type the topic is declared with in {@link Topics}
 * (dead-letter topics included), so one class serves as {@code value.deserializer} of every channel. A record that cannot be
 * read fails with a {@link SerializationException} that names the topic, the type and the field, which the messaging layer
 * turns into a dead letter.
 */
public class EventDeserializer<T> implements Deserializer<T> {
    /** Consumer property that fixes the type, for topics that are not in {@link Topics}. */
    public static final String VALUE_TYPE_CONFIG = "tradingbot.value.type";

    private Class<T> type;

    public EventDeserializer() {
    }

    public EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(VALUE_TYPE_CONFIG);
        if (configured != null && type == null) {
            try {
                type = (Class<T>) Class.forName(configured.toString(), true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException(VALUE_TYPE_CONFIG + " names no class: " + configured, e);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone on a compacted topic
        }
        Class<T> target = type != null ? type : (Class<T>) Topics.find(topic).map(TopicSpec::valueType)
                .orElseThrow(() -> new SerializationException("No event type is declared for topic '" + topic
                        + "'; declare it in Topics or set " + VALUE_TYPE_CONFIG));
        try {
            return EventJson.mapper().readValue(data, target);
        } catch (IOException e) {
            throw new SerializationException("Cannot read a " + target.getSimpleName() + " from " + topic + ": "
                    + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return vie.getCause().getMessage();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String path = jme.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return jme.getOriginalMessage() + " (at '" + path + "')";
        }
        return e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage() : e.getMessage();
    }
}
