package io.tradingbot.marketdata.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingbot.events.Candle;
import io.tradingbot.events.Ticker;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on records the broker has not acknowledged yet: past it the feed waits instead of filling the heap (an
 * unbounded buffer took the service down at 20,000 updates a second), and it goes on as soon as the broker answers.
 * One class, so a recording emitter stands in for the Kafka channel; the real broker path is MarketFeedTest's.
 */
class MarketPublisherTest {

    @Test
    void theFeedWaitsForTheBrokerPastTheBoundAndGoesOnWhenItAnswers() throws Exception {
        RecordingEmitter<Candle> candles = new RecordingEmitter<>();
        MarketPublisher publisher = new MarketPublisher(new SimpleMeterRegistry(), candles, new RecordingEmitter<Ticker>());
        for (int i = 0; i < MarketPublisher.IN_FLIGHT; i++) {
            publisher.publish(candle(i));
        }
        assertThat(candles.sent).hasSize(MarketPublisher.IN_FLIGHT);

        Thread feed = new Thread(() -> publisher.publish(candle(MarketPublisher.IN_FLIGHT)), "market-data-feed");
        feed.start();
        feed.join(TimeUnit.MILLISECONDS.toMillis(500));
        assertThat(feed.isAlive()).as("the feed waits while the broker holds every permitted record").isTrue();
        assertThat(candles.sent).hasSize(MarketPublisher.IN_FLIGHT);

        candles.sent.get(0).ack().toCompletableFuture().get(5, TimeUnit.SECONDS);
        feed.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(feed.isAlive()).isFalse();
        assertThat(candles.sent).hasSize(MarketPublisher.IN_FLIGHT + 1);

        // A refusal frees its place too: the record is logged as lost, the feed does not stall on it.
        candles.sent.get(1).nack(new IllegalStateException("broker gone")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        publisher.publish(candle(MarketPublisher.IN_FLIGHT + 1));
        assertThat(candles.sent).hasSize(MarketPublisher.IN_FLIGHT + 2);
        assertThat(candles.sent.get(MarketPublisher.IN_FLIGHT + 1).getPayload().mts()).isEqualTo(60_000L * (MarketPublisher.IN_FLIGHT + 1));
    }

    private static Candle candle(int minute) {
        BigDecimal price = new BigDecimal("100.5");
        return new Candle("tBTCUSD", "1m", 60_000L * minute, price, price, price, price, BigDecimal.ONE, false);
    }

    /** Keeps what is sent, acknowledging nothing until the test does. */
    private static final class RecordingEmitter<T> implements Emitter<T> {
        final List<Message<T>> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> send(T payload) {
            Message<T> message = Message.of(payload);
            sent.add(message);
            return message.ack();
        }

        @Override
        public <M extends Message<? extends T>> void send(M message) {
            @SuppressWarnings("unchecked")
            Message<T> m = (Message<T>) message;
            sent.add(m);
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
