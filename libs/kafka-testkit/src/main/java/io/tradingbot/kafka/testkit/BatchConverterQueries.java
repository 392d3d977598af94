package io.tradingbot.kafka.testkit;

import io.smallrye.reactive.messaging.MessageConverter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A converter that converts nothing and counts how often SmallRye asks it about a Kafka batch: whether a poll needs
 * converting should be settled once, not searched for again on every poll (a handler taking
 * {@code KafkaRecordBatch<String, byte[]>} made SmallRye search every converter bean for each one; see strategy-service's
 * {@code CandleConsumer}). A bean only in the tests of a service that indexes this library
 * ({@code %test.quarkus.index-dependency.kafka-testkit.*}).
 */
@ApplicationScoped
public class BatchConverterQueries implements MessageConverter {
    private static final AtomicInteger ASKED = new AtomicInteger();

    /** How often converters were asked about a batch since the last {@link #reset}. */
    public static int asked() {
        return ASKED.get();
    }

    public static void reset() {
        ASKED.set(0);
    }

    @Override
    public boolean canConvert(Message<?> in, Type target) {
        if (in instanceof KafkaRecordBatch<?, ?>) {
            ASKED.incrementAndGet();
        }
        return false;
    }

    @Override
    public Message<?> convert(Message<?> in, Type target) {
        return in;
    }
}
