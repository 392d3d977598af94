package io.tradingbot.strategy.flow;

import io.smallrye.reactive.messaging.MessageConverter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A converter that converts nothing and counts how often SmallRye asks it about a Kafka batch: whether a poll of candles
 * needs converting should be settled once, not searched for again on every poll (see {@code CandleConsumer#onCandles}).
 */
@ApplicationScoped
public class BatchConverterQueries implements MessageConverter {
    static final AtomicInteger ASKED = new AtomicInteger();

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
